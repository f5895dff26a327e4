package parley.bench.failover;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import parley.bench.Progress;
import parley.bench.Target;
import parley.bench.crash.Audit;
import parley.bench.crash.CrashScenario;
import parley.bench.crash.StoredMessage;
import parley.bench.crash.StoredMessages;
import parley.bench.load.AckedMessage;
import parley.bench.load.CrashLoad;
import parley.bench.platform.KafkaProcess;
import parley.bench.platform.PlatformProcess;
import parley.bench.platform.PlatformSettings;
import parley.local.FreePort;
import parley.local.LocalPrimary;
import parley.local.LocalRedis;
import parley.local.LocalReplica;

/**
 * Two regions on one machine, and region A's loss. Region A: its own PostgreSQL cluster (a replication primary), its
 * Redis, the platform. Region B: a streaming standby of A's cluster ({@code pg_basebackup -R}), its Redis, and only its
 * query side, reading the standby. Kafka is one stretched cluster both regions use (one broker here); it outlives A.
 * SDK clients chat on A (the crash scenario's load); a reader reads history through the global load balancer.
 *
 * <p>Then A is killed: SIGKILL to its platform and {@code pg_ctl stop -m immediate} to its database. The reader fails
 * over to B and reads on; the runbook's promotion ({@code SELECT pg_promote()}) makes B's database writable; B's
 * platform starts on it, takes over the publisher's tracking token where A's last replicated claim left it, and the
 * clients reconnect to B, send every unanswered message again under its id, then new ones. The audit then holds every
 * acknowledgement against B's event store and read tables.
 */
final class FailoverRun {

    private static final String DATABASE = "parley";
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration PUSHES = Duration.ofSeconds(30);
    private static final String REPLICATION_LAG = """
            SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)), -1),
                   coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), -1)
              FROM pg_stat_replication""";

    private final FailoverSettings settings;
    private final PlatformSettings platform;
    private final Path workDir;
    private final Progress progress;

    FailoverRun(FailoverSettings settings, PlatformSettings platform, Path workDir, Progress progress) {
        this.settings = settings;
        this.platform = platform;
        this.workDir = workDir;
        this.progress = progress;
    }

    FailoverResult run() throws Exception {
        PlatformProcess.requireJar(platform.jar());
        progress.line("failover: %s", settings.describe());
        try (LocalPrimary databaseA = LocalPrimary.start()) {
            // pg_ctl's servers outlive this JVM: an interrupted run (Ctrl-C) must not leave them running
            Runtime.getRuntime().addShutdownHook(new Thread(databaseA::close, "failover-stop-a"));
            databaseA.createDatabase(DATABASE);
            progress.line("region A: PostgreSQL primary on port %d; taking B's base backup", databaseA.port());
            try (LocalReplica databaseB = LocalReplica.streamingFrom("127.0.0.1", databaseA.port(), LocalPrimary.USER)) {
                Runtime.getRuntime().addShutdownHook(new Thread(databaseB::close, "failover-stop-b"));
                if (settings.synchronous()) {
                    databaseA.requireSynchronousStandby();
                }
                progress.line("region B: streaming standby on port %d (%s)", databaseB.port(),
                        settings.synchronous() ? "synchronous: A's commits wait for B's flush" : "asynchronous");
                try (KafkaProcess kafka = KafkaProcess.start(workDir.resolve("stretched"))) {
                    progress.line("Kafka (stretched over both regions) at %s", kafka.bootstrapServers());
                    return withBroker(databaseA, databaseB, kafka);
                }
            }
        }
    }

    private FailoverResult withBroker(LocalPrimary databaseA, LocalReplica databaseB, KafkaProcess kafka) throws Exception {
        Optional<LocalRedis> redisA = LocalRedis.tryStart(FreePort.find());
        Optional<LocalRedis> redisB = LocalRedis.tryStart(FreePort.find());
        String fallbackRedis = platform.redisAddress();
        PlatformProcess platformA = null;
        PlatformProcess platformB = null;
        try {
            platformA = PlatformProcess.start(inRegion(redisA, fallbackRedis), databaseA.jdbcUrl(DATABASE), LocalPrimary.USER,
                    kafka.bootstrapServers(), workDir.resolve("region-a"), 1);
            progress.line("region A: platform ready at %s in %.1f s (pid %d)", platformA.baseUrl(), seconds(platformA.startup()),
                    platformA.pid());
            try (JwksMirror jwks = JwksMirror.copyOf(platformA.baseUrl());
                    QuerySideProcess queryB = QuerySideProcess.start(platform.jar(), databaseB.jdbcUrl(DATABASE),
                            databaseB.username(), redisB.map(LocalRedis::address).orElse(fallbackRedis), jwks.uri(),
                            workDir.resolve("region-b"))) {
                progress.line("region B: query side on the standby ready at %s in %.1f s", queryB.baseUrl(),
                        seconds(queryB.startup()));
                Target targetA = new Target(platformA.baseUrl(), databaseA.jdbcUrl(DATABASE), LocalPrimary.USER,
                        kafka.bootstrapServers(), platformA.pid());
                try (CrashLoad load = CrashLoad.prepare(targetA, settings.pairs(), progress)) {
                    UUID readChat = load.chatIds().get(0);
                    try (HistoryReader reader = new HistoryReader(platformA.baseUrl(), queryB.baseUrl(), readChat,
                            load.memberToken(readChat))) {
                        reader.start();
                        FailoverResult.Builder result = new FailoverResult.Builder(settings);
                        long loadStarted = System.nanoTime();
                        load.start(settings.concurrency());
                        if (!CrashLoad.await(() -> load.ackedBeforeKill() >= settings.ackedBeforeKill(), settings.loadTimeout())) {
                            progress.line("failover: region A acknowledged only %d sends within %s", load.ackedBeforeKill(),
                                    settings.loadTimeout());
                        }
                        long ackedAtKill = load.ackedBeforeKill();
                        result.ackedPerSecondOnA(ackedAtKill / ((System.nanoTime() - loadStarted) / 1e9));
                        recordReplicationLag(databaseA, result);

                        // Region A is lost: its platform and its database die at once, its Redis with them.
                        result.loadAverageAtKill(LoadAverage.oneMinute());
                        long killed = System.nanoTime();
                        reader.killed(killed);
                        platformA.kill();
                        databaseA.stopImmediately();
                        redisA.ifPresent(LocalRedis::close);
                        redisA = Optional.empty();
                        progress.line("failover: region A killed (platform SIGKILL, PostgreSQL immediate stop) after %d acks",
                                ackedAtKill);

                        boolean read = CrashLoad.await(() -> reader.firstReadOnBAfterKill() != 0, settings.loadTimeout());
                        result.killToFirstReadOnB(read ? reader.firstReadOnBAfterKill() - killed : -1);
                        progress.line("failover: history read on B %s", read ? String.format("%.2f s after the kill",
                                (reader.firstReadOnBAfterKill() - killed) / 1e9) : "never");

                        // The runbook: A's loss is detected and A fenced (here: it is dead; the wait stands for that time),
                        // then B's database is promoted and B's platform starts on it. Reads go on from B's standby meanwhile.
                        Pause.millis(Math.max(0, settings.decisionDelay().toMillis() - (System.nanoTime() - killed) / 1_000_000));
                        long promoting = System.nanoTime();
                        promote(databaseB);
                        long promoted = System.nanoTime();
                        reader.promoted(promoted);
                        result.promotion(promoted - promoting);
                        progress.line("failover: B's database promoted in %d ms", (promoted - promoting) / 1_000_000);
                        PublisherPosition atPromotion = publisherPosition(databaseB);
                        result.publisherAtPromotion(atPromotion);
                        progress.line("failover: the publisher's replicated position on B: %s", atPromotion);
                        platformB = PlatformProcess.start(inRegion(redisB, fallbackRedis), databaseB.jdbcUrl(DATABASE),
                                databaseB.username(), kafka.bootstrapServers(), workDir.resolve("region-b"), 1);
                        result.platformBStartup(platformB.startup().toNanos());
                        progress.line("region B: platform ready at %s in %.1f s", platformB.baseUrl(), seconds(platformB.startup()));
                        Target targetB = new Target(platformB.baseUrl(), databaseB.jdbcUrl(DATABASE), databaseB.username(),
                                kafka.bootstrapServers(), platformB.pid());
                        int inFlight = load.reconnect(targetB);
                        boolean sent = CrashLoad.await(() -> load.ackedRetried() + load.ackedAfterRestart() > 0,
                                settings.loadTimeout());
                        result.killToFirstSendOnB(sent ? System.nanoTime() - killed : -1);
                        progress.line("failover: first send acknowledged by B %.1f s after the kill", (System.nanoTime() - killed) / 1e9);
                        if (!CrashLoad.await(() -> load.ackedAfterRestart() >= settings.ackedAfterPromotion(),
                                settings.loadTimeout())) {
                            progress.line("failover: region B acknowledged only %d new sends within %s", load.ackedAfterRestart(),
                                    settings.loadTimeout());
                        }
                        int unanswered = load.stop(DRAIN);
                        reader.close();
                        boolean pushed = load.awaitPushesAfterRestart(PUSHES);
                        if (!pushed) {
                            progress.line("failover: pushes of B's acknowledged messages still missing after %s", PUSHES);
                        }
                        result.load(load, ackedAtKill, inFlight, unanswered);
                        result.reads(reader);
                        audit(result, load, targetB);
                        return result.build();
                    }
                }
            }
        } finally {
            if (platformB != null) {
                platformB.close();
            }
            if (platformA != null) {
                platformA.close();
            }
            redisA.ifPresent(LocalRedis::close);
            redisB.ifPresent(LocalRedis::close);
        }
    }

    /** What B's database holds: acknowledgements by A lost or not, duplicates, and B's read tables. */
    private void audit(FailoverResult.Builder result, CrashLoad load, Target regionB) throws Exception {
        List<AckedMessage> acks = load.acks();
        List<UUID> chats = load.chatIds();
        try (Connection db = DriverManager.getConnection(regionB.jdbcUrl(), regionB.jdbcUser(), "")) {
            List<StoredMessage> events = StoredMessages.inEventStore(db, chats);
            List<AckedMessage> byA = acks.stream().filter(ack -> ack.phase() == AckedMessage.Phase.BEFORE_KILL).toList();
            List<AckedMessage> byB = acks.stream().filter(ack -> ack.phase() != AckedMessage.Phase.BEFORE_KILL).toList();
            Audit storeA = Audit.of(byA, events);
            Audit storeB = Audit.of(byB, events);
            CrashScenario.ReadCheck read = CrashScenario.awaitReadTables(db, chats, acks, events, settings.readTimeout());
            PublisherPosition atEnd = PublisherPosition.of(db);
            result.publisherAtEnd(atEnd);
            progress.line("failover: the publisher on B at the end: %s", atEnd);
            result.audit(storeA, storeB, read);
            progress.line("failover: event store, A's acks %s; B's acks %s; read tables %s (%d stored messages absent)", storeA,
                    storeB, read.audit(), read.absent());
        }
    }

    private static PublisherPosition publisherPosition(LocalReplica database) throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(DATABASE), database.username(), "")) {
            return PublisherPosition.of(db);
        }
    }

    private PlatformSettings inRegion(Optional<LocalRedis> redis, String fallback) {
        return new PlatformSettings(platform.jar(), platform.heap(), platform.jvmOptions(),
                redis.map(LocalRedis::address).orElse(fallback));
    }

    /** The runbook's step: {@code SELECT pg_promote()} waits (up to 60 s) until the standby accepts writes. */
    private static void promote(LocalReplica database) throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl("postgres"), database.username(), "");
                PreparedStatement statement = db.prepareStatement("SELECT pg_promote(true, 60)");
                ResultSet promoted = statement.executeQuery()) {
            if (!promoted.next() || !promoted.getBoolean(1)) {
                throw new IllegalStateException("B's database was not promoted within 60 s");
            }
        }
    }

    /**
     * How far B was behind A's WAL just before the kill, in bytes: {@code flush_lsn} (what B has on disk, what
     * synchronous commit waits for) and {@code replay_lsn} (what B's readers see). -1 when it could not be read.
     */
    private static void recordReplicationLag(LocalPrimary database, FailoverResult.Builder result) {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl("postgres"), LocalPrimary.USER, "");
                PreparedStatement statement = db.prepareStatement(REPLICATION_LAG);
                ResultSet lag = statement.executeQuery()) {
            lag.next();
            result.replicationLagAtKill(lag.getLong(1), lag.getLong(2));
        } catch (Exception e) {
            result.replicationLagAtKill(-1, -1);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

}
