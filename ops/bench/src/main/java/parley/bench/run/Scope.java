package parley.bench.run;

/** Which part of the benchmark a run measures. */
public enum Scope {
    /** Everything: the platform's scenarios, then the analyst tools'. */
    ALL,
    /** Only the platform's scenarios (a)–(e) and (g) with their baselines: issue 14's before and after. */
    PLATFORM,
    /** Only the analyst tools' scenario (f) and its baseline: no platform, no Kafka. */
    ANALYST,
    /**
     * Only the private sends (a) and pgbench, in about five minutes: one lever's quick comparison. Its
     * report stays under ops/bench/target; the record in docs/benchmarks.md comes from a platform run.
     */
    SENDS;

    boolean platform() {
        return this != ANALYST;
    }

    boolean beyondSends() {
        return this != SENDS;
    }

    /** Whether the run's report belongs in docs/benchmarks.md (a full size run of more than one lever's check). */
    public boolean recorded() {
        return this != SENDS;
    }

    boolean analyst() {
        return this == ALL || this == ANALYST;
    }
}
