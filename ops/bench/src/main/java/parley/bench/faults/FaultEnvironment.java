package parley.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BooleanSupplier;
import parley.bench.Progress;
import parley.bench.platform.ChildJvm;
import parley.bench.platform.KafkaCluster;
import parley.bench.platform.PlatformProcess;
import parley.bench.platform.PlatformService;
import parley.bench.platform.PlatformSettings;
import parley.bench.platform.Prometheus;
import parley.local.FreePort;
import parley.local.LocalPrimary;
import parley.local.LocalRedis;
import parley.local.Patience;

/**
 * What the fault suite breaks, all of it its own and on loopback: a PostgreSQL cluster of its own
 * ({@link FaultDatabase}: a primary, and a read replica and PgBouncer when a fault needs them), a Kafka cluster of
 * three nodes each in its JVM ({@link KafkaCluster}; the chat-events topic with three replicas, two in sync), Redis
 * (the machine's, or one of its own for the fault that stops it), and the platform's jar ({@link PlatformNodes}: in one
 * JVM, or its three services in three behind a loopback ingress when a fault kills one alone) on ports fixed for the
 * whole run, so that a process started again after a kill is where the SDK clients reconnect; the command side's
 * wall clock is steppable ({@link SteppableClock}) when a fault steps it.
 */
public final class FaultEnvironment implements AutoCloseable {

    /** The longest a heal may take to show (a broker back in sync, the readiness probe UP). */
    private static final Duration CONDITION_TIMEOUT = Patience.scaled(Duration.ofMinutes(2));

    private final PlatformSettings settings;
    private final Path workDir;
    private final Progress progress;
    private final FaultDatabase database;
    private final KafkaCluster kafka;
    private final int redisPort;
    /** Null unless a fault of the run steps the platform's clock. */
    private final SteppableClock clock;
    private LocalRedis redis;
    private PlatformNodes platform;

    private FaultEnvironment(PlatformSettings settings, Path workDir, Progress progress, FaultDatabase database, KafkaCluster kafka,
            LocalRedis redis, SteppableClock clock) {
        this.redis = redis;
        this.clock = clock;
        this.redisPort = redis == null ? -1 : Integer.parseInt(redis.address().substring(redis.address().lastIndexOf(':') + 1));
        this.settings = redis == null ? settings : new PlatformSettings(settings.jar(), settings.heap(), settings.jvmOptions(),
                redis.address());
        this.workDir = workDir;
        this.progress = progress;
        this.database = database;
        this.kafka = kafka;
    }

    /** @param parts what beyond the primary, the Kafka nodes and the platform the run's faults break */
    public static FaultEnvironment start(PlatformSettings settings, Path workDir, Progress progress, Set<EnvironmentPart> parts) {
        PlatformProcess.requireJar(settings.jar());
        if (!Files.isRegularFile(settings.analystJar())) {
            throw new IllegalStateException(settings.analystJar() + " is missing (the replay comparison runs it): build it with "
                    + "./mvnw -pl ops/analyst -am package -DskipTests");
        }
        FaultDatabase database = FaultDatabase.start(parts, progress);
        KafkaCluster kafka = null;
        try {
            progress.line("faults: starting 3 Kafka nodes");
            kafka = KafkaCluster.start(workDir, 3);
            progress.line("faults: Kafka cluster at %s", kafka.bootstrapServers());
            LocalRedis redis = parts.contains(EnvironmentPart.OWN_REDIS) ? LocalRedis.tryStart(FreePort.find()).orElseThrow(
                    () -> new IllegalStateException("the embedded Redis does not run here; the Redis fault needs one of its own"))
                    : null;
            SteppableClock clock = parts.contains(EnvironmentPart.STEPPABLE_CLOCK) ? SteppableClock.in(workDir) : null;
            FaultEnvironment environment = new FaultEnvironment(settings, workDir, progress, database, kafka, redis, clock);
            environment.platform = PlatformNodes.start(environment::launch, workDir, progress,
                    parts.contains(EnvironmentPart.SEPARATE_SERVICES));
            return environment;
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Starts {@code service} again on its port and waits for it: the command side is the whole platform unless the
     * services run apart ({@link EnvironmentPart#SEPARATE_SERVICES}); the other two exist alone only there.
     */
    public void startService(PlatformService service) {
        platform.start(service);
    }

    /** SIGKILL to {@code service}'s JVM (the same rules as {@link #startService}). */
    public void killService(PlatformService service) {
        platform.kill(service);
    }

    private PlatformProcess launch(PlatformService service, int port, int start, List<String> arguments) {
        Map<String, String> environment = new HashMap<>(kafka.platformEnvironment());
        environment.putAll(database.platformEnvironment());
        boolean commandSide = service == null || service == PlatformService.COMMAND_SIDE;
        if (clock != null && commandSide) {
            environment.putAll(clock.environment()); // one node's clock: the others keep the machine's
        }
        return service == null
                ? PlatformProcess.start(settings, database.platformJdbcUrl(), LocalPrimary.USER, kafka.bootstrapServers(), workDir,
                        start, port, environment)
                : PlatformProcess.startService(service, settings, database.platformJdbcUrl(), LocalPrimary.USER,
                        kafka.bootstrapServers(), workDir, start, port, environment, arguments);
    }

    /** Stops the suite's own Redis (its data is only presence and rate-limit windows: nothing is kept). */
    public void stopRedis() {
        requireOwnRedis().close();
        redis = null;
    }

    /** Starts the suite's own Redis again on its port. */
    public void startRedis() {
        redis = LocalRedis.tryStart(redisPort).orElseThrow(() -> new IllegalStateException("Redis did not start again"));
    }

    private LocalRedis requireOwnRedis() {
        if (redis == null) {
            throw new IllegalStateException("the suite runs on the machine's Redis, which it never stops");
        }
        return redis;
    }

    /**
     * Steps the platform's wall clock to real time plus {@code offset} and waits until the platform answers with it
     * (the {@code Date} header of its responses, to the second).
     */
    public void stepPlatformClock(Duration offset) throws InterruptedException {
        if (clock == null) {
            throw new IllegalStateException("the platform was started without a steppable clock");
        }
        clock.step(offset);
        awaitCondition("the platform's clock at real time " + (offset.isNegative() ? "" : "+") + offset,
                () -> PlatformProcess.clockAhead(baseUrl()).filter(ahead -> ahead.minus(offset).abs().compareTo(Duration.ofSeconds(3)) < 0)
                        .isPresent());
    }

    /** Where the SDK clients connect: the platform's port, or the ingress in front of its services. */
    public URI baseUrl() {
        return platform.baseUrl();
    }

    /** Every process of the platform answers its readiness probe UP. */
    public boolean ready() {
        return platform.ready();
    }

    /** The primary, directly (also when the platform goes through PgBouncer): for the audits. */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String jdbcUser() {
        return LocalPrimary.USER;
    }

    public LocalPrimary primary() {
        return database.primary();
    }

    FaultDatabase database() {
        return database;
    }

    /**
     * The sum of the platform's {@code name} series whose labels contain {@code labelFilter}, from the
     * {@code /actuator/prometheus} of each of its processes; empty while one does not answer.
     */
    public OptionalDouble platformCounter(String name, String labelFilter) {
        try {
            double sum = 0;
            for (URI process : platform.processUrls()) {
                sum += Prometheus.sum(Prometheus.scrape(process), name, labelFilter);
            }
            return OptionalDouble.of(sum);
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public Progress progress() {
        return progress;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * {@code ./parley analyst verify} on the suite's database, in its own JVM: the live read tables (members counts,
     * watermarks, histories: every column the query side reads) against a replay of the whole event store into a
     * scratch schema. Empty when they are equal, else what it printed (also in {@code logs/verify-<number>.log}).
     *
     * @param settle how long a difference may last while the live tables catch up before it counts
     */
    public List<String> replayDifferences(int number, Duration settle) {
        Path log = workDir.resolve("logs").resolve("verify-" + number + ".log");
        ChildJvm.Outcome verify = ChildJvm.run(List.of("-Xmx256m", "-jar", settings.analystJar().toString(), "verify",
                "--db-url", jdbcUrl(), "--db-user", jdbcUser(), "--settle", settle.toString()), workDir, log);
        return switch (verify.exitCode()) {
            case 0 -> List.of();
            case 1 -> verify.output().lines().filter(line -> !line.isBlank()).toList();
            default -> throw new IllegalStateException("analyst verify exited with " + verify.exitCode() + "; see " + log);
        };
    }

    /** Polls {@code condition} every 100 ms until it holds; fails after the (machine-scaled) bound. */
    public void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        awaitCondition(what, Duration.ofMillis(100), condition);
    }

    /** The same, polling every {@code interval} (a condition that costs the platform a scrape). */
    public void awaitCondition(String what, Duration interval, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + CONDITION_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("faults: not within " + CONDITION_TIMEOUT + ": " + what);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    @Override
    public void close() {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            try {
                kafka.close();
            } finally {
                try {
                    database.close();
                } finally {
                    if (redis != null) {
                        redis.close();
                    }
                }
            }
        }
    }
}
