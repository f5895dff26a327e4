package parley.bench.bluegreen;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import parley.bench.DaemonThreads;
import parley.bench.Progress;
import parley.bench.Target;
import parley.bench.crash.Audit;
import parley.bench.crash.StoredMessage;
import parley.bench.crash.StoredMessages;
import parley.bench.load.AckedMessage;
import parley.bench.platform.BenchEnvironment;
import parley.bench.platform.PlatformNode;
import parley.bench.platform.PlatformSettings;
import parley.local.FreePort;
import parley.local.Patience;

/**
 * The blue-green switch on loopback, in order: the shared engines (a fresh database on the machine's PostgreSQL, a
 * Kafka broker, the machine's Redis) and blue ({@link BenchEnvironment}); haproxy in front of blue; SDK clients
 * chatting through haproxy; green started on the same engines while the load runs; the switch (green in, blue out,
 * on haproxy's runtime API); blue drained with SIGTERM (its graceful shutdown: readiness 503, {@code Reconnect}, the
 * quiet period, 1012); the clients back through haproxy on green; more load; then the audit against the real database
 * and what the clients received.
 */
final class BlueGreenRun {

    private static final Duration GREEN_UP_IN_HAPROXY = Patience.scaled(Duration.ofSeconds(30));
    private static final Duration CLIENTS_BACK = Patience.scaled(Duration.ofSeconds(60));

    private final BlueGreenSettings settings;
    private final PlatformSettings platform;
    private final Path work;
    private final Progress progress;

    BlueGreenRun(BlueGreenSettings settings, PlatformSettings platform, Path work, Progress progress) {
        this.settings = settings;
        this.platform = platform;
        this.work = work;
        this.progress = progress;
    }

    BlueGreenResult run() throws Exception {
        progress.line("blue-green: %s", settings.describe());
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("blue-green-progress"));
        try (BenchEnvironment engines = BenchEnvironment.start(platform, work, progress)) {
            Target blue = engines.target();
            HaproxyConfig config = new HaproxyConfig(FreePort.find(), blue.baseUrl(), work.resolve("haproxy.sock"));
            try (Haproxy haproxy = Haproxy.start(config, work)) {
                progress.line("haproxy %s in front of blue %s (runtime API %s)", haproxy.baseUrl(), blue.baseUrl(),
                        config.adminSocket());
                try (ChattingClients load = ChattingClients.connect(haproxy.baseUrl(), work.resolve("keys"), settings.pairs(),
                        progress)) {
                    ticks.scheduleAtFixedRate(() -> progress.line("blue-green: %d sends, %d acknowledged, %d failed; blue %s, green %s",
                            load.requests(), load.acks().size(), load.failed(), safeStatus(haproxy, HaproxyConfig.BLUE),
                            safeStatus(haproxy, HaproxyConfig.GREEN)), 2, 2, TimeUnit.SECONDS);
                    return switchUnderLoad(engines, haproxy, load, blue);
                }
            }
        } finally {
            ticks.shutdownNow();
        }
    }

    private BlueGreenResult switchUnderLoad(BenchEnvironment engines, Haproxy haproxy, ChattingClients load, Target blue)
            throws Exception {
        load.start(settings.pause());
        Thread.sleep(settings.onBlue().toMillis());
        try (PlatformNode green = engines.startAnotherNode()) {
            load.phase(ChattingClients.Phase.SWITCHING);
            long switchStarted = System.nanoTime();
            haproxy.enableGreen(green.baseUrl());
            if (!haproxy.awaitStatus(HaproxyConfig.GREEN, "UP", GREEN_UP_IN_HAPROXY)) {
                throw new IllegalStateException("haproxy did not see green UP within " + GREEN_UP_IN_HAPROXY + ": "
                        + haproxy.status(HaproxyConfig.GREEN) + "; see " + haproxy.log());
            }
            haproxy.retireBlue();
            double switchMillis = (System.nanoTime() - switchStarted) / 1e6;
            progress.line("blue-green: switched in %.0f ms: green %s, blue %s; draining blue (SIGTERM)", switchMillis,
                    haproxy.status(HaproxyConfig.GREEN), haproxy.status(HaproxyConfig.BLUE));
            long drainStarted = System.nanoTime();
            Duration drain = engines.stopPlatform();
            load.phase(ChattingClients.Phase.GREEN);
            boolean allBack = awaitReconnected(load, drainStarted);
            double reconnectSeconds = allBack ? (load.lastReconnectNanos() - drainStarted) / 1e9 : Double.NaN;
            progress.line("blue-green: blue drained and exited in %.1f s; %s", drain.toMillis() / 1000.0, allBack
                    ? String.format("every client back through haproxy %.1f s after the SIGTERM", reconnectSeconds)
                    : "NOT every client came back within " + CLIENTS_BACK);
            Thread.sleep(settings.onGreen().toMillis());
            load.stop();
            boolean delivered = load.awaitDeliveries(Patience.scaled(settings.settle()));
            progress.line("blue-green: load stopped; deliveries %s", delivered ? "complete" : "still missing " + load.deliveriesMissing());
            BlueGreenResult result = audit(load, blue, green, switchMillis, drain, reconnectSeconds, allBack);
            load.close(); // before green stops, so that the clients do not chase a node going away
            return result;
        }
    }

    private static boolean awaitReconnected(ChattingClients load, long since) throws InterruptedException {
        long deadline = System.nanoTime() + CLIENTS_BACK.toNanos();
        while (!load.allReconnectedSince(since)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private BlueGreenResult audit(ChattingClients load, Target blue, PlatformNode green, double switchMillis, Duration drain,
            double reconnectSeconds, boolean allBack) throws Exception {
        List<AckedMessage> acks = load.acks();
        List<UUID> chats = load.chatIds();
        try (Connection db = DriverManager.getConnection(blue.jdbcUrl(), blue.jdbcUser(), "")) {
            Audit store = Audit.of(acks, StoredMessages.inEventStore(db, chats));
            Audit read = awaitReadTables(db, chats, acks);
            progress.line("blue-green: event store %s; read tables %s", store, read);
            return new BlueGreenResult(load.clients(), load.requests(), load.failures(), acks.size(), load.acknowledgedOnBlue(),
                    load.acknowledgedDuringSwitch(), load.acknowledgedOnGreen(), load.acrossReconnect(),
                    store.missing() + store.mismatched(), store.duplicated(), read.missing() + read.mismatched(), read.duplicated(),
                    load.deliveriesExpected(), load.deliveriesMissing(), load.deliveriesDuplicated(), load.undecryptable(),
                    load.reconnections(), green.startup().toMillis() / 1000.0, switchMillis, drain.toMillis() / 1000.0,
                    reconnectSeconds, load.longestOffline().toMillis() / 1000.0, allBack);
        }
    }

    /** The read tables' audit once they hold every acknowledged message (the projections run on both nodes), or at the bound. */
    private Audit awaitReadTables(Connection db, List<UUID> chats, List<AckedMessage> acks) throws Exception {
        long deadline = System.nanoTime() + Patience.scaled(settings.settle()).toNanos();
        while (true) {
            List<StoredMessage> rows = StoredMessages.inReadTables(db, chats);
            Audit audit = Audit.of(acks, rows);
            if (audit.missing() == 0 || System.nanoTime() > deadline) {
                return audit;
            }
            Thread.sleep(100);
        }
    }

    private static String safeStatus(Haproxy haproxy, String server) {
        try {
            return haproxy.status(server);
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
