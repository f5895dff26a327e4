package parley.bench.platform;

import java.nio.file.Path;
import java.time.Duration;
import parley.bench.Progress;
import parley.bench.Target;
import parley.local.TestDatabase;

/**
 * Everything a run measures against: a fresh database on the machine's PostgreSQL (the same server
 * pgbench measures), a Kafka broker in its own JVM, the machine's Redis, and the platform's jar in
 * a JVM of its own. One node, as the targets are stated for.
 */
public final class BenchEnvironment implements AutoCloseable {

    private final PlatformSettings settings;
    private final Path workDir;
    private final Progress progress;
    private final TestDatabase database;
    private final KafkaProcess kafka;
    private PlatformProcess platform;
    private Duration firstStartup;
    private int starts;

    private BenchEnvironment(PlatformSettings settings, Path workDir, Progress progress, TestDatabase database,
            KafkaProcess kafka) {
        this.settings = settings;
        this.workDir = workDir;
        this.progress = progress;
        this.database = database;
        this.kafka = kafka;
    }

    public static BenchEnvironment start(PlatformSettings settings, Path workDir, Progress progress) {
        PlatformProcess.requireJar(settings.jar());
        TestDatabase database = TestDatabase.create("bench");
        progress.line("database %s; starting Kafka", database.name());
        KafkaProcess kafka = KafkaProcess.start(workDir);
        BenchEnvironment environment = new BenchEnvironment(settings, workDir, progress, database, kafka);
        try {
            environment.firstStartup = environment.startPlatform();
            return environment;
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
    }

    /** Starts the platform; the first start runs every migration on the empty database. */
    public Duration startPlatform() {
        progress.line("starting the platform (%s heap)", settings.heap());
        platform = PlatformProcess.start(settings, database.jdbcUrl(), database.username(), kafka.bootstrapServers(),
                workDir, ++starts);
        progress.line("platform ready at %s in %.1f s (pid %d)", platform.baseUrl(), seconds(platform.startup()), platform.pid());
        return platform.startup();
    }

    /**
     * Another node beside the current platform, on the same database, broker, Redis and data directory, with its own
     * port: the second colour of a blue-green switch. The caller stops it.
     */
    public PlatformNode startAnotherNode() {
        progress.line("starting another platform node (%s heap)", settings.heap());
        PlatformNode node = new PlatformNode(PlatformProcess.start(settings, database.jdbcUrl(), database.username(),
                kafka.bootstrapServers(), workDir, ++starts));
        progress.line("node ready at %s in %.1f s (pid %d)", node.baseUrl(), seconds(node.startup()), node.pid());
        return node;
    }

    /** Scenario (e): launch to ready on the empty database, every migration included. */
    public Duration startupOfFirstPlatform() {
        return firstStartup;
    }

    /** SIGTERM to the platform (its graceful shutdown); returns how long it took to exit. */
    public Duration stopPlatform() {
        Duration stopped = platform.stop();
        progress.line("platform stopped in %.1f s", seconds(stopped));
        return stopped;
    }

    /** SIGKILL to the platform (no graceful shutdown at all); returns how long until the process was gone. */
    public Duration killPlatform() {
        long pid = platform.pid();
        Duration killed = platform.kill();
        progress.line("platform (pid %d) killed with SIGKILL, gone in %d ms; its log: %s", pid, killed.toMillis(), platform.log());
        return killed;
    }

    public Target target() {
        return new Target(platform.baseUrl(), database.jdbcUrl(), database.username(), kafka.bootstrapServers(), platform.pid());
    }

    public String databaseName() {
        return database.name();
    }

    @Override
    public void close() {
        if (platform != null) {
            platform.close();
        }
        kafka.close();
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
