package parley.bench.run;

/** Which part of the benchmark a run measures. */
public enum Scope {
    /** Everything: the platform's scenarios, then the analyst tools'. */
    ALL,
    /** Only the platform's scenarios (a)–(e) and (g) with their baselines: issue 14's before and after. */
    PLATFORM,
    /** Only the analyst tools' scenario (f) and its baseline: no platform, no Kafka. */
    ANALYST;

    boolean platform() {
        return this != ANALYST;
    }

    boolean analyst() {
        return this != PLATFORM;
    }
}
