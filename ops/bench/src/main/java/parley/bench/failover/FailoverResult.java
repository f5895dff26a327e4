package parley.bench.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.crash.Audit;
import parley.bench.crash.CrashScenario;
import parley.bench.load.CrashLoad;

/**
 * The failover run's outcome.
 *
 * @param lostAckedByA acknowledged by A before the kill, absent from B's event store (or under another chat or seq): the
 *                     replication's loss. Zero is promised only with synchronous replication
 * @param lostAckedByB acknowledged by B and absent from its event store or its read tables, or never pushed
 * @param duplicated stored twice in the event store or the read tables, or pushed twice to one session after the promotion
 */
record FailoverResult(String description, boolean synchronous, List<Figure> figures, Map<String, Long> readFailures, long requests, long failures, long acked,
        long lostAckedByA, long lostAckedByB, long duplicated, double killToFirstReadOnBSeconds,
        double killToFirstSendOnBSeconds) {

    /** Whether the run kept the promise its replication mode makes. */
    boolean passed() {
        return duplicated == 0 && lostAckedByB == 0 && (!synchronous || lostAckedByA == 0) && killToFirstReadOnBSeconds >= 0
                && killToFirstSendOnBSeconds >= 0;
    }

    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("region failover: " + description);
        lines.add(String.format("requests %,d (sends and retries %,d, history reads %,d), failures %,d", requests,
                figure("sends"), figure("reads"), failures));
        lines.add(String.format("messages acknowledged %,d (by A %,d, in flight at the kill and acknowledged by B on retry %,d, "
                + "new on B %,d)", acked, figure("acked-by-a"), figure("acked-by-b-on-retry"), figure("acked-by-b-new")));
        lines.add(String.format("lost %,d (acknowledged by A, not on B: %,d; acknowledged by B, not stored, read or pushed: %,d), "
                + "duplicated %,d", lostAckedByA + lostAckedByB, lostAckedByA, lostAckedByB, duplicated));
        lines.add(String.format("time to recover: kill -> first history read on B %.2f s; kill -> first send acknowledged by B %.1f s "
                + "(promotion %.2f s, B's platform start %.1f s)", killToFirstReadOnBSeconds, killToFirstSendOnBSeconds,
                value("promotion-s"), value("platform-b-start-s")));
        lines.add(String.format("history reads served by B's standby: %,d while A lived (%,d more failed), %,d between the kill and the "
                + "promotion", figure("reads-on-b-before-kill"), figure("reads-on-b-before-kill-failed"),
                figure("reads-on-b-kill-to-promotion")));
        lines.add(String.format("failed reads by region, phase and reason: %s", readFailures.isEmpty() ? "none" : readFailures));
        lines.add(String.format("Kafka publisher: replicated position at promotion %,d of the event store's %,d; at the end %,d of %,d, "
                + "claimed by B's node: %s", figure("publisher-index-at-promotion"), figure("event-store-head-at-promotion"),
                figure("publisher-index-at-end"), figure("event-store-head-at-end"), figure("publisher-resumed-on-b") == 1 ? "yes" : "no"));
        lines.add(String.format("acknowledged sends/s on A %.0f; B behind A at the kill: flushed %,d bytes, replayed %,d bytes",
                value("acked-per-s-on-a"), figure("b-flush-behind-a-at-kill-bytes"), figure("b-replay-behind-a-at-kill-bytes")));
        lines.add(passed() ? "result: PASS" : "result: FAIL");
        return lines;
    }

    private long figure(String name) {
        return (long) value(name);
    }

    private double value(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).mapToDouble(Figure::value).findFirst().orElse(Double.NaN);
    }

    /** Collects the figures as the run goes. */
    static final class Builder {
        private final FailoverSettings settings;
        private final List<Figure> figures = new ArrayList<>();
        private long requests;
        private long failures;
        private long acked;
        private long lostA;
        private long lostB;
        private long duplicated;
        private long pushesMissing;
        private long pushesDuplicated;
        private double firstRead = -1;
        private double firstSend = -1;
        private Map<String, Long> readFailures = Map.of();
        private PublisherPosition atPromotion;

        Builder(FailoverSettings settings) {
            this.settings = settings;
        }

        void ackedPerSecondOnA(double rate) {
            figures.add(new Figure("acked-per-s-on-a", rate, "msg/s"));
        }

        void replicationLagAtKill(long flushBytes, long replayBytes) {
            figures.add(new Figure("b-flush-behind-a-at-kill-bytes", flushBytes, "bytes"));
            figures.add(new Figure("b-replay-behind-a-at-kill-bytes", replayBytes, "bytes"));
        }

        void killToFirstReadOnB(long nanos) {
            firstRead = nanos < 0 ? -1 : nanos / 1e9;
            figures.add(new Figure("kill-to-first-read-on-b-s", firstRead, "s"));
        }

        void loadAverageAtKill(double load) {
            figures.add(new Figure("machine-load-average-1m-at-kill", load, "runnable tasks"));
        }

        void promotion(long nanos) {
            figures.add(new Figure("promotion-s", nanos / 1e9, "s"));
        }

        void publisherAtPromotion(PublisherPosition position) {
            figures.add(new Figure("publisher-index-at-promotion", position.index(), "global index"));
            figures.add(new Figure("event-store-head-at-promotion", position.head(), "global index"));
            atPromotion = position;
        }

        void publisherAtEnd(PublisherPosition position) {
            figures.add(new Figure("publisher-index-at-end", position.index(), "global index"));
            figures.add(new Figure("event-store-head-at-end", position.head(), "global index"));
            boolean resumed = atPromotion != null && atPromotion.index() >= 0 && position.index() > atPromotion.index()
                    && position.owner() != null && !position.owner().equals(atPromotion.owner());
            figures.add(new Figure("publisher-resumed-on-b", resumed ? 1 : 0, "yes=1"));
        }

        void platformBStartup(long nanos) {
            figures.add(new Figure("platform-b-start-s", nanos / 1e9, "s"));
        }

        void killToFirstSendOnB(long nanos) {
            firstSend = nanos < 0 ? -1 : nanos / 1e9;
            figures.add(new Figure("kill-to-first-send-on-b-s", firstSend, "s"));
        }

        void load(CrashLoad load, long ackedAtKill, int inFlight, int unanswered) {
            acked = load.ackedBeforeKill() + load.ackedRetried() + load.ackedAfterRestart();
            requests += load.sent();
            failures += load.rejected() + unanswered;
            pushesMissing = load.pushesMissingAfterRestart();
            pushesDuplicated = load.pushesDuplicatedAfterRestart();
            figures.add(new Figure("sends", load.sent(), "commands"));
            figures.add(new Figure("acked-by-a", load.ackedBeforeKill(), "messages"));
            figures.add(new Figure("acked-by-a-when-killed", ackedAtKill, "messages"));
            figures.add(new Figure("in-flight-at-kill", inFlight, "messages"));
            figures.add(new Figure("acked-by-b-on-retry", load.ackedRetried(), "messages"));
            figures.add(new Figure("acked-by-b-new", load.ackedAfterRestart(), "messages"));
            figures.add(new Figure("rejected", load.rejected(), "commands"));
            figures.add(new Figure("unanswered", unanswered, "commands"));
            figures.add(new Figure("lagging-device-retries", load.laggingRetries(), "commands"));
            figures.add(new Figure("overloaded-retries", load.overloadedRetries(), "commands"));
            figures.add(new Figure("pushes-missing-on-b", pushesMissing, "deliveries"));
            figures.add(new Figure("pushes-duplicated-on-b", pushesDuplicated, "deliveries"));
        }

        void reads(HistoryReader reader) {
            requests += reader.requests();
            failures += reader.failures();
            figures.add(new Figure("reads", reader.requests(), "requests"));
            figures.add(new Figure("reads-failed", reader.failures(), "requests"));
            figures.add(new Figure("reads-on-b-before-kill", reader.readsOnBBeforeKill(), "requests"));
            figures.add(new Figure("reads-on-b-before-kill-failed", reader.failedOnBBeforeKill(), "requests"));
            figures.add(new Figure("reads-on-b-kill-to-promotion", reader.readsOnBBeforePromotion(), "requests"));
            readFailures = reader.failureReasons();
        }

        void audit(Audit storeA, Audit storeB, CrashScenario.ReadCheck read) {
            lostA = storeA.missing() + storeA.mismatched();
            // B's acknowledgements: in its event store, in its read tables, pushed to the recipient
            lostB = storeB.missing() + storeB.mismatched() + read.audit().missing() + read.audit().mismatched() + read.absent()
                    + pushesMissing;
            duplicated = Math.max(storeA.duplicated(), storeB.duplicated()) + read.audit().duplicated() + pushesDuplicated;
            figures.add(new Figure("store-lost-acked-by-a", lostA, "messages"));
            figures.add(new Figure("store-lost-acked-by-b", storeB.missing() + storeB.mismatched(), "messages"));
            figures.add(new Figure("store-duplicated", Math.max(storeA.duplicated(), storeB.duplicated()), "messages"));
            figures.add(new Figure("read-tables-lost", read.audit().missing() + read.audit().mismatched() + read.absent(), "messages"));
            figures.add(new Figure("read-tables-duplicated", read.audit().duplicated(), "messages"));
        }

        FailoverResult build() {
            return new FailoverResult(settings.describe(), settings.synchronous(), List.copyOf(figures), readFailures, requests,
                    failures, acked, lostA, lostB, duplicated, firstRead, firstSend);
        }
    }

}
