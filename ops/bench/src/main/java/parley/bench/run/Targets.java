package parley.bench.run;

import static parley.bench.run.RunResults.HISTORY;
import static parley.bench.run.RunResults.IDLE_SESSIONS;
import static parley.bench.run.RunResults.PGBENCH;
import static parley.bench.run.RunResults.PRIVATE_LATENCY;
import static parley.bench.run.RunResults.PRIVATE_MAX;

import java.util.ArrayList;
import java.util.List;

/** The targets, each judged on this run's figures (a target whose scenario did not run is left out). */
final class Targets {

    record Verdict(String target, String measured, boolean met) {
    }

    private Targets() {
    }

    static List<Verdict> judge(RunResults run, double latencyRate, String latencyRateWhy) {
        List<Verdict> verdicts = new ArrayList<>();
        run.figure(PRIVATE_MAX, "acked-per-s").ifPresent(sends -> run.figure(PGBENCH, "inserts-per-s").ifPresent(inserts ->
                verdicts.add(new Verdict("durable sends ≥ 50 % of the pgbench insert rate",
                        String.format("%.0f sends/s = %.0f %% of %.0f inserts/s", sends, 100 * sends / inserts, inserts),
                        sends >= 0.5 * inserts))));
        run.figure(PRIVATE_LATENCY, "delivered-p99-ms").ifPresent(p99 -> verdicts.add(new Verdict(
                "p99 send→delivered < 50 ms at 2,000 msg/s, or at 80 % of the measured maximum",
                String.format("p99 %.1f ms at %.0f msg/s offered (%s)", p99, latencyRate, latencyRateWhy), p99 < 50)));
        run.figure(HISTORY, "page-p99-ms").ifPresent(p99 -> verdicts.add(new Verdict(
                "history page p99 < 10 ms", String.format("p99 %.2f ms", p99), p99 < 10)));
        run.figure(IDLE_SESSIONS, "sessions").ifPresent(sessions -> {
            double heap = run.figure(IDLE_SESSIONS, "heap-after-mb").orElse(Double.NaN);
            double perSession = run.figure(IDLE_SESSIONS, "heap-per-session-kb").orElse(Double.NaN);
            verdicts.add(new Verdict("10,000 sessions under 1 GiB heap",
                    String.format("%.0f sessions on -Xmx1g, %.0f MiB heap used after GC (%.1f KiB per session)", sessions, heap,
                            perSession),
                    sessions >= 10_000 && heap < 1024));
        });
        return verdicts;
    }
}
