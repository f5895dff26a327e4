package parley.bench.crash;

import java.nio.file.Path;
import parley.bench.Progress;
import parley.bench.ScenarioResult;
import parley.bench.platform.BenchEnvironment;
import parley.bench.platform.PlatformSettings;

/**
 * Only the crash scenario, in its smoke size (or {@code full}), on a fresh environment: the quick way to work on it.
 * Run from ops/bench with the test class path; needs {@code ops/launcher/target/parley.jar}.
 */
public final class CrashOnly {

    public static void main(String[] args) throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Progress progress = new Progress(System.out);
        CrashSettings settings = args.length > 0 && args[0].equals("full") ? CrashSettings.full() : CrashSettings.smoke();
        try (BenchEnvironment environment = BenchEnvironment.start(PlatformSettings.defaults(root),
                Path.of("target/crash-only").toAbsolutePath(), progress)) {
            ScenarioResult result = new CrashScenario(settings).run(environment, progress);
            System.out.println(result.description());
            result.figures().forEach(f -> System.out.printf("  %-34s %12.2f %s%n", f.name(), f.value(), f.unit()));
            System.out.printf("  acknowledged %d lost %d duplicated %d errors %d%n", result.acknowledged(), result.lost(),
                    result.duplicated(), result.errors());
        }
        System.exit(0);
    }
}
