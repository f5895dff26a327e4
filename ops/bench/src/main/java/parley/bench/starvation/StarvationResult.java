package parley.bench.starvation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import parley.bench.load.LiveDeliveryLoad.PhaseResult;

/**
 * One run: the same sessions and load unstarved, then starved, then the platform let go.
 *
 * @param missingAfterRelease the starved phase's acknowledged deliveries still not pushed once the platform had its
 *     CPU back and another drain went by (a message may be late under starvation, never lost)
 */
record StarvationResult(int users, int chats, int envelopeBytes, String confinement, List<Phase> phases,
        long missingAfterRelease) {

    /** A phase's client-side figures, the platform's counters over it, and the machine's load average at its end. */
    record Phase(PhaseResult load, PlatformMetrics platform, double loadAverage) {
    }

    long duplicated() {
        return phases.stream().mapToLong(phase -> phase.load().duplicated()).sum();
    }

    boolean passed() {
        return duplicated() == 0 && missingAfterRelease == 0;
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d users in %d private chats (one session each), sealed envelopes of %d bytes; "
                + "starved by %s", users, chats, envelopeBytes, confinement));
        for (Phase phase : phases) {
            PhaseResult load = phase.load();
            lines.add(String.format(Locale.ROOT, "%-9s sent %,d acked %,d OVERLOADED %,d; duplicated %,d (sessions %d), missing %,d of "
                            + "%,d; ack→push p50 %.0f p99 %.0f max %.0f ms; load average %.2f", load.name(), load.sent(), load.acked(),
                    load.overloaded(), load.duplicated(), load.sessionsWithDuplicates(), load.missing(), load.expected(),
                    load.lag().percentilesMs().get("p50"), load.lag().percentilesMs().get("p99"),
                    load.lag().percentilesMs().get("max"), phase.loadAverage()));
        }
        lines.add(String.format(Locale.ROOT, "after the platform got its CPU back: %,d of the starved phase's deliveries missing",
                missingAfterRelease));
        lines.add(passed() ? "PASSED: nothing duplicated, nothing lost" : "FAILED: duplicated or lost deliveries");
        return lines;
    }
}
