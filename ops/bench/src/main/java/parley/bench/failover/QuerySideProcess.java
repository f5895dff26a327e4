package parley.bench.failover;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.bench.platform.JavaProcess;
import parley.bench.platform.PlatformProcess;
import parley.local.FreePort;

/**
 * Region B's query side before promotion: {@code parley.query.QuerySideApplication} alone, from the platform's jar,
 * on B's read-only standby. It runs no migration ({@code spring.flyway.enabled=false}) and writes nothing, so a hot
 * standby serves it; tokens are checked against {@link JwksMirror}, revocations read from the standby. B's command
 * side and projections are not started before promotion: they append events, claim tracking tokens and write read
 * tables, which a standby refuses.
 */
final class QuerySideProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String MAIN = "parley.query.QuerySideApplication";

    private final JavaProcess process;
    private final URI baseUrl;
    private final Duration startup;

    private QuerySideProcess(JavaProcess process, URI baseUrl, Duration startup) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startup = startup;
    }

    static QuerySideProcess start(Path platformJar, String jdbcUrl, String jdbcUser, String redisAddress, URI jwkSetUri,
            Path workDir) {
        PlatformProcess.requireJar(platformJar);
        int port = FreePort.find();
        List<String> command = new ArrayList<>(List.of("-Xmx256m", "-Dloader.main=" + MAIN, "-cp", platformJar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + jdbcUser,
                "--parley.query.jwk-set-uri=" + jwkSetUri,
                "--parley.query.read-datasource.maximum-pool-size=4",
                "--management.endpoint.health.probes.enabled=true"));
        command.addAll(PlatformProcess.benchArguments());
        long launched = System.nanoTime();
        JavaProcess process = JavaProcess.start("query-side", command, Map.of("PARLEY_REDIS_ADDRESS", redisAddress),
                workDir.resolve("logs/query-side.log"));
        URI baseUrl = URI.create("http://127.0.0.1:" + port);
        long deadline = launched + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            if (PlatformProcess.ready(baseUrl)) {
                return new QuerySideProcess(process, baseUrl, Duration.ofNanos(System.nanoTime() - launched));
            }
            Pause.millis(100);
        }
        process.close();
        throw new IllegalStateException("the query side was not ready within " + START_TIMEOUT + "; see " + process.log());
    }

    URI baseUrl() {
        return baseUrl;
    }

    Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        process.close();
    }
}
