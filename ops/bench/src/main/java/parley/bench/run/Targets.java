package parley.bench.run;

import static parley.bench.run.RunResults.ANALYST_EXPORT_JSONL;
import static parley.bench.run.RunResults.ANALYST_EXPORT_PARQUET;
import static parley.bench.run.RunResults.ANALYST_REBUILD;
import static parley.bench.run.RunResults.ANALYST_STATE;
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
        run.scenario(RunResults.CRASH).ifPresent(crash -> verdicts.add(new Verdict(
                "SIGKILL under load: every acknowledged message once in the event store and the read tables",
                String.format("%d acknowledged (%.0f before the kill, %.0f in flight at it, %.0f after the restart): %d lost, "
                        + "%d duplicated; read tables complete %.1f s after the restart", crash.acknowledged(),
                        crash.figure("acked-before-kill"), crash.figure("in-flight-at-kill"), crash.figure("acked-after-restart"),
                        crash.lost(), crash.duplicated(), crash.figure("read-complete-s")),
                crash.lost() == 0 && crash.duplicated() == 0)));
        analyst(run, verdicts);
        return verdicts;
    }

    /** Issue 13's: rebuild ≥ 50,000 events/s, export ≥ 200,000 events/s, 256 MiB heap, state --at on 100,000 events < 2 s. */
    private static void analyst(RunResults run, List<Verdict> verdicts) {
        for (String export : List.of(ANALYST_EXPORT_JSONL, ANALYST_EXPORT_PARQUET)) {
            run.figure(export, "events-per-s").ifPresent(rate -> verdicts.add(new Verdict(
                    export.substring(export.indexOf("export")).replace('-', ' ') + " ≥ 200,000 events/s",
                    String.format("%.0f events/s", rate), rate >= 200_000)));
        }
        run.figure(ANALYST_REBUILD, "events-per-s").ifPresent(rate -> verdicts.add(new Verdict("rebuild ≥ 50,000 events/s",
                String.format("%.0f events/s replay (%.0f events/s over the whole command with its verification replay)", rate,
                        run.figure(ANALYST_REBUILD, "whole-events-per-s").orElse(Double.NaN)), rate >= 50_000)));
        run.figure(ANALYST_STATE, "tool-s").ifPresent(seconds -> verdicts.add(new Verdict(
                "state --at on a chat of 100,000 events < 2 s",
                String.format("%.0f events replayed in %.2f s (%.1f s from JVM launch to exit)",
                        run.figure(ANALYST_STATE, "events").orElse(Double.NaN), seconds,
                        run.figure(ANALYST_STATE, "wall-s").orElse(Double.NaN)),
                // a smoke-sized chat proves nothing about 100,000 events
                seconds < 2 && run.figure(ANALYST_STATE, "events").orElse(0.0) >= 100_000)));
        List<String> heaps = new ArrayList<>();
        double peak = 0;
        for (String command : List.of(ANALYST_EXPORT_JSONL, ANALYST_EXPORT_PARQUET, ANALYST_REBUILD, ANALYST_STATE)) {
            double heap = run.figure(command, "peak-heap-mib").orElse(Double.NaN);
            if (!Double.isNaN(heap)) {
                heaps.add(String.format("%s %.0f MiB", command.replace("f-analyst-", ""), heap));
                peak = Math.max(peak, heap);
            }
        }
        if (!heaps.isEmpty()) {
            verdicts.add(new Verdict("every analyst command within a 256 MiB heap",
                    "peak heap " + String.join(", ", heaps) + " (each run with -Xmx256m)", peak <= 256));
        }
    }
}
