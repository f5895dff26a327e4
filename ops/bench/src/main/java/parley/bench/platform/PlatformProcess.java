package parley.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.local.FreePort;
import parley.local.Patience;

/**
 * {@code java -jar parley.jar}, the same jar {@code ./parley up} runs, on the bench's database,
 * broker and Redis, with a heap of {@link PlatformSettings#heap()}. Its start is timed from the
 * process launch to the readiness probe answering UP: scenario (e), cold start to ready.
 */
public final class PlatformProcess implements AutoCloseable {

    /** Scaled by PARLEY_TEST_WAIT_FACTOR: on a crowded machine a second node may take minutes to be ready. */
    private static final Duration START_TIMEOUT = Patience.scaled(Duration.ofMinutes(3));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JavaProcess process;
    private final URI baseUrl;
    private final Duration startup;

    private PlatformProcess(JavaProcess process, URI baseUrl, Duration startup) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startup = startup;
    }

    public static PlatformProcess start(PlatformSettings settings, String jdbcUrl, String jdbcUser, String kafka, Path workDir,
            int start) {
        return start(settings, jdbcUrl, jdbcUser, kafka, workDir, start, FreePort.find(), Map.of());
    }

    /**
     * The same on a given {@code port} (a node restarted where its clients reconnect to) with {@code more} environment
     * (e.g. the chat-events topic's replication on a cluster).
     */
    public static PlatformProcess start(PlatformSettings settings, String jdbcUrl, String jdbcUser, String kafka, Path workDir,
            int start, int port, Map<String, String> more) {
        return launch("platform", List.of("-jar", settings.jar().toString()), List.of(), settings, jdbcUrl, jdbcUser, kafka,
                workDir, start, port, more);
    }

    /**
     * One service alone, from the same jar (Spring Boot's {@code PropertiesLauncher} with {@code loader.main}), as a
     * Deployment of {@code ops/k8s} runs it: on its own {@code port}, with {@code arguments} for what the launcher
     * otherwise wires between the services (the key directory, where the query side fetches the public keys).
     */
    public static PlatformProcess startService(PlatformService service, PlatformSettings settings, String jdbcUrl, String jdbcUser,
            String kafka, Path workDir, int start, int port, Map<String, String> more, List<String> arguments) {
        List<String> main = List.of("-Dloader.main=" + service.mainClass, "-cp", settings.jar().toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher");
        return launch(service.id(), main, arguments, settings, jdbcUrl, jdbcUser, kafka, workDir, start, port, more);
    }

    private static PlatformProcess launch(String name, List<String> main, List<String> arguments, PlatformSettings settings,
            String jdbcUrl, String jdbcUser, String kafka, Path workDir, int start, int port, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(more);
        environment.putAll(Map.of(
                "PARLEY_DATA_DIR", workDir.resolve("platform").toString(),
                "SERVER_PORT", Integer.toString(port),
                "SPRING_DATASOURCE_URL", jdbcUrl,
                "SPRING_DATASOURCE_USERNAME", jdbcUser,
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka,
                "PARLEY_REDIS_ADDRESS", settings.redisAddress()));
        List<String> command = new ArrayList<>(List.of("-Xmx" + settings.heap(), "-Xms" + settings.heap()));
        settings.jvmOptions().forEach(option -> command.add(option.replace("{start}", Integer.toString(start))));
        command.addAll(main);
        command.addAll(benchArguments());
        command.addAll(arguments);
        long launched = System.nanoTime();
        JavaProcess process = JavaProcess.start(name, command, environment, workDir.resolve("logs").resolve(name + "-" + start + ".log"));
        URI baseUrl = URI.create("http://127.0.0.1:" + port);
        long deadline = launched + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            if (ready(baseUrl)) {
                return new PlatformProcess(process, baseUrl, Duration.ofNanos(System.nanoTime() - launched));
            }
            Sleep.of(Duration.ofMillis(50));
        }
        process.close();
        throw new IllegalStateException("the " + name + " was not ready within " + START_TIMEOUT + "; see " + process.log());
    }

    /**
     * Rate limiting stays on (its Redis round trip is part of every command's cost) with limits a
     * load generator on one address cannot reach. Plaintext envelopes are allowed so that a group of
     * 500 can be measured beyond one v1 envelope's device limit; v1 envelopes are still checked in full.
     */
    public static List<String> benchArguments() {
        List<String> arguments = new ArrayList<>(List.of("--parley.e2ee.allow-unencrypted=true"));
        for (String limitClass : List.of("ip", "login", "send", "reads", "commands")) {
            arguments.add("--parley.ratelimit.classes." + limitClass + ".limit=1000000000");
        }
        return arguments;
    }

    /** The readiness probe answers UP (also for a query side run on its own). */
    public static boolean ready(URI baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How far the clock of the process at {@code baseUrl} is ahead of this JVM's (negative: behind), to the second, read
     * off the {@code Date} header of its liveness probe; empty while it does not answer.
     */
    public static Optional<Duration> clockAhead(URI baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("Date").map(date -> Duration.between(Instant.now(),
                    ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** Launch to readiness UP. */
    public Duration startup() {
        return startup;
    }

    /** SIGTERM: the graceful shutdown; returns how long the node took to exit. */
    public Duration stop() {
        return process.stop();
    }

    /** SIGKILL: the node dies mid-flight, as in a crash; returns how long until the process was gone. */
    public Duration kill() {
        return process.kill();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    public static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl ops/launcher -am package -DskipTests");
        }
    }
}
