package parley.bench.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.ScenarioResult;
import parley.bench.Target;
import parley.bench.load.AckedMessage;
import parley.bench.load.CrashLoad;
import parley.bench.platform.BenchEnvironment;

/**
 * Issue 14's crash test: an acknowledgement means stored, whatever batching the command side does. Private chats
 * with sealed envelopes in a closed loop; once a counted number of sends is acknowledged the platform gets SIGKILL
 * while the load keeps sending; it is started again on the same database and Kafka, the load's users reconnect and
 * send the unanswered messages again under their ids, then more; then the load stops.
 *
 * <p>Then, in PostgreSQL: every acknowledged message (the messageId, chatId and seq of its {@code MessageAccepted})
 * is in the event store exactly once and in the read tables exactly once, no (chatId, seq) and no clientMessageId
 * of a chat is stored twice, and every message the event store holds for these chats (acknowledged or not) reaches
 * the read tables. The read tables are awaited (the projections catch up after the restart), up to a bound. What
 * fails these counts as lost or duplicated, as the other scenarios' deliveries do.
 *
 * <p>Live pushes are reported, not asserted: a push of a message acknowledged before the kill may die with the
 * node (clients catch up from history) and the restarted publisher may push one again (clients drop it by seq).
 * Those of messages sent after the restart are awaited and counted as missing or duplicated figures.
 */
public final class CrashScenario {

    public static final String NAME = "g-crash";
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration PUSHES = Duration.ofSeconds(30);
    private static final long READ_POLL_MILLIS = 100;

    private final CrashSettings settings;

    public CrashScenario(CrashSettings settings) {
        this.settings = settings;
    }

    public ScenarioResult run(BenchEnvironment environment, Progress progress) throws Exception {
        progress.line("%s: %s", NAME, settings.describe());
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "crash-progress");
            thread.setDaemon(true);
            return thread;
        });
        try (CrashLoad load = CrashLoad.prepare(environment.target(), settings.pairs(), progress)) {
            ticks.scheduleAtFixedRate(() -> progress.line("%s: sent %d, acked %d before the kill, %d retried, %d after the restart",
                    NAME, load.sent(), load.ackedBeforeKill(), load.ackedRetried(), load.ackedAfterRestart()), 1, 1, TimeUnit.SECONDS);
            long loadStarted = System.nanoTime();
            load.start(settings.concurrency());
            boolean reachedBefore = CrashLoad.await(() -> load.ackedBeforeKill() >= settings.ackedBeforeKill(),
                    settings.loadTimeout());
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            long ackedAtKill = load.ackedBeforeKill();
            Duration gone = environment.killPlatform();
            Duration restart = environment.startPlatform();
            long ready = System.nanoTime();
            Target target = environment.target();
            int inFlight = load.reconnect(target);
            boolean reachedAfter = CrashLoad.await(() -> load.ackedAfterRestart() >= settings.ackedAfterRestart(),
                    settings.loadTimeout());
            int unanswered = load.stop(DRAIN);
            long stopped = System.nanoTime();
            if (!reachedBefore || !reachedAfter) {
                progress.line("%s: the load did not reach its count %s within %s", NAME, reachedBefore ? "after the restart"
                        : "before the kill", settings.loadTimeout());
            }
            List<AckedMessage> acks = load.acks();
            List<UUID> chats = load.chatIds();
            try (Connection db = DriverManager.getConnection(target.jdbcUrl(), target.jdbcUser(), "")) {
                List<StoredMessage> events = StoredMessages.inEventStore(db, chats);
                Audit store = Audit.of(acks, events);
                ReadCheck read = awaitReadTables(db, chats, acks, events, settings.readTimeout());
                boolean pushed = load.awaitPushesAfterRestart(PUSHES);
                ticks.shutdownNow();
                Map<String, Long> rejected = load.rejections();
                progress.line("%s: event store %s; read tables %s (%d stored messages absent)%s", NAME, store, read.audit(),
                        read.absent(), pushed ? "" : "; pushes after the restart still missing");
                List<Figure> figures = new ArrayList<>();
                figures.add(new Figure("acked-before-kill", load.ackedBeforeKill(), "messages"));
                figures.add(new Figure("acked-when-killed", ackedAtKill, "messages"));
                figures.add(new Figure("acked-per-s-before-kill", ackedAtKill / loadSeconds, "msg/s"));
                figures.add(new Figure("in-flight-at-kill", inFlight, "messages"));
                figures.add(new Figure("in-flight-acked-on-retry", load.ackedRetried(), "messages"));
                figures.add(new Figure("acked-after-restart", load.ackedAfterRestart(), "messages"));
                figures.add(new Figure("kill-to-gone-ms", gone.toMillis(), "ms"));
                figures.add(new Figure("restart-ready-s", seconds(restart), "s"));
                figures.add(new Figure("read-complete-s", (read.completeNanos() - ready) / 1e9, "s"));
                figures.add(new Figure("read-behind-stop-s", Math.max(0, read.completeNanos() - stopped) / 1e9, "s"));
                figures.add(new Figure("store-lost", store.missing() + store.mismatched(), "messages"));
                figures.add(new Figure("store-duplicated", store.duplicated(), "messages"));
                figures.add(new Figure("stored-unacked", storedUnacknowledged(events, acks, load.sendIdPrefix()), "messages"));
                figures.add(new Figure("read-lost", read.audit().missing() + read.audit().mismatched() + read.absent(), "messages"));
                figures.add(new Figure("read-duplicated", read.audit().duplicated(), "messages"));
                figures.add(new Figure("pushes-before-kill", load.pushesBeforeKill(), "deliveries"));
                figures.add(new Figure("pushes-missing-after-restart", load.pushesMissingAfterRestart(), "deliveries"));
                figures.add(new Figure("pushes-duplicated-after-restart", load.pushesDuplicatedAfterRestart(), "deliveries"));
                figures.add(new Figure("lagging-device-retries", load.laggingRetries(), "commands"));
                figures.add(new Figure("overloaded-retries", load.overloadedRetries(), "commands"));
                figures.add(new Figure("errors-rejected", load.rejected(), "commands"));
                figures.add(new Figure("errors-unanswered", unanswered, "commands"));
                figures.add(new Figure("envelope-bytes", load.envelopeBytes(), "bytes"));
                long lost = store.missing() + store.mismatched() + read.audit().missing() + read.audit().mismatched() + read.absent();
                long duplicated = store.duplicated() + read.audit().duplicated();
                String description = settings.describe() + (rejected.isEmpty() ? "" : "; rejected: " + rejected);
                return new ScenarioResult(NAME, description, figures, Map.of(), acks.size(), lost, duplicated,
                        load.rejected() + unanswered);
            }
        } finally {
            ticks.shutdownNow();
        }
    }

    /** The read tables' audit once they hold every acknowledged and every stored message, or at the timeout. */
    public record ReadCheck(Audit audit, long absent, long completeNanos) {
    }

    public static ReadCheck awaitReadTables(Connection db, List<UUID> chats, List<AckedMessage> acks, List<StoredMessage> events,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<StoredMessage> rows = StoredMessages.inReadTables(db, chats);
            Audit audit = Audit.of(acks, rows);
            long absent = Audit.absent(events, rows);
            long now = System.nanoTime();
            if ((audit.missing() == 0 && absent == 0) || now > deadline) {
                return new ReadCheck(audit, absent, now);
            }
            Thread.sleep(READ_POLL_MILLIS);
        }
    }

    /**
     * Load sends the event store holds without an acknowledgement (a send lost in flight may or may not have been
     * stored; every unanswered one is retried, so this is normally 0). The setup's priming sends are not counted.
     */
    private static long storedUnacknowledged(List<StoredMessage> events, List<AckedMessage> acks, String sendIdPrefix) {
        Set<UUID> acknowledged = acks.stream().map(AckedMessage::messageId).collect(Collectors.toSet());
        return events.stream().filter(event -> event.clientMessageId() != null && event.clientMessageId().startsWith(sendIdPrefix))
                .filter(event -> !acknowledged.contains(event.messageId())).count();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
