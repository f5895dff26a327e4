package parley.bench.platform;

import java.nio.file.Path;
import java.util.List;

/**
 * How the platform under test runs.
 *
 * @param jar the launcher's jar ({@code ops/launcher/target/parley.jar})
 * @param heap {@code -Xmx} and {@code -Xms}: 1 GiB, the budget for 10,000 sessions
 * @param jvmOptions more JVM options (e.g. a JFR recording when profiling)
 * @param redisAddress the Redis the rate limiter uses
 */
public record PlatformSettings(Path jar, String heap, List<String> jvmOptions, String redisAddress) {

    public static PlatformSettings defaults(Path repositoryRoot) {
        return new PlatformSettings(repositoryRoot.resolve("ops/launcher/target/parley.jar"), "1g", List.of(),
                System.getenv().getOrDefault("PARLEY_REDIS_ADDRESS", "redis://127.0.0.1:6379"));
    }

    /** The analyst tool of the same build ({@code ops/analyst/target/parley-analyst-exec.jar}, beside the launcher's). */
    public Path analystJar() {
        return jar.toAbsolutePath().getParent().resolve("../../analyst/target/parley-analyst-exec.jar").normalize();
    }

    public PlatformSettings withJvmOptions(List<String> options) {
        return new PlatformSettings(jar, heap, options, redisAddress);
    }
}
