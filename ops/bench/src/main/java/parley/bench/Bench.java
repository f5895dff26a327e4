package parley.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import parley.bench.platform.PlatformSettings;
import parley.bench.run.BenchRun;
import parley.bench.run.Scope;
import parley.bench.Size;

/**
 * {@code java -jar ops/bench/target/parley-bench.jar [full|smoke] [analyst|platform|sends] [--jfr]}, run from the repository
 * root (ops/bench/run-all builds the jars and does that). A full run appends its section to
 * docs/benchmarks.md and puts its results.json and plots in docs/benchmarks/; a smoke run writes
 * both under ops/bench/target/. {@code analyst} runs only the analyst tools' scenario (issue 13), in
 * minutes instead of a quarter of an hour; {@code platform} only the platform's scenarios (issue 14's before and
 * after, without the analyst tools' quarter of an hour); {@code sends} only the private sends and pgbench (one lever's
 * quick check, reported under ops/bench/target). Exits with 1 if any acknowledged message was lost or duplicated.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (arguments.contains("failover")) {
            parley.bench.failover.FailoverMain.main(args); // issue 15's region failover, a harness of its own
            return;
        }
        if (arguments.contains("faults")) {
            parley.bench.faults.FaultSuiteMain.main(args); // issue 16's fault suite, a harness of its own
            return;
        }
        if (arguments.contains("soak")) {
            parley.bench.soak.SoakMain.main(args); // issue 16's soak at half the maximum, a harness of its own
            return;
        }
        if (arguments.contains("starvation")) {
            parley.bench.starvation.StarvationMain.main(args); // issue 16's CPU starvation, a harness of its own
            return;
        }
        Size size = arguments.contains("smoke") ? Size.SMOKE : Size.FULL;
        Scope scope = arguments.contains("analyst") ? Scope.ANALYST : arguments.contains("platform") ? Scope.PLATFORM
                : arguments.contains("sends") ? Scope.SENDS : Scope.ALL;
        boolean jfr = arguments.contains("--jfr");
        for (String argument : arguments) {
            if (!List.of("full", "smoke", "analyst", "platform", "sends", "--jfr").contains(argument.toLowerCase(Locale.ROOT))) {
                System.err.println("usage: run-all [full|smoke] [analyst|platform|sends] [--jfr]; unknown argument " + argument);
                System.exit(2);
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("ops/bench/target/run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path markdown = size == Size.FULL && scope.recorded() ? root.resolve("docs/benchmarks.md") : work.resolve("benchmarks.md");
        PlatformSettings platform = PlatformSettings.defaults(root);
        if (jfr) {
            List<String> options = new ArrayList<>(platform.jvmOptions());
            // {start} becomes the platform start (1, 2...), so that the restart does not overwrite the loaded run.
            options.add("-XX:StartFlightRecording=dumponexit=true,settings=profile,filename=" + work.resolve("platform-{start}.jfr"));
            platform = platform.withJvmOptions(options);
        }
        BenchRun.Outcome outcome = new BenchRun(size, root, work, markdown, platform, new Progress(System.out), scope).run();
        System.exit(outcome.lost() == 0 && outcome.duplicated() == 0 ? 0 : 1);
    }
}
