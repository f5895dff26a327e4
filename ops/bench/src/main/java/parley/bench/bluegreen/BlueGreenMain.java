package parley.bench.bluegreen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import parley.bench.Progress;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;
import parley.bench.run.Commit;
import parley.bench.run.Machine;

/**
 * {@code java -cp ops/bench/target/parley-bench.jar parley.bench.bluegreen.BlueGreenMain [full|smoke]}, from the
 * repository root ({@code ops/deploy/blue-green-demo} builds the jars and runs it). A full run replaces the section
 * "Blue-green, latest run" of docs/deployments.md; a smoke run writes its deployments.md under ops/bench/target/.
 * Exits with 1 when a command failed or an acknowledged message was lost or duplicated.
 */
public final class BlueGreenMain {

    static final String HEADING = "## Blue-green, latest run";

    private BlueGreenMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            System.err.println("usage: blue-green-demo [full|smoke]");
            System.exit(2);
        }
        BlueGreenSettings settings;
        try {
            settings = BlueGreenSettings.named(args.length == 0 ? "full" : args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: blue-green-demo [full|smoke]; " + e.getMessage());
            System.exit(2);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        LocalDateTime started = LocalDateTime.now(ZoneOffset.UTC);
        String commit = Commit.describe(root); // before the run: the tree may change while it runs
        Path work = root.resolve("ops/bench/target/blue-green-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        BlueGreenResult result = new BlueGreenRun(settings, PlatformSettings.defaults(root), work, new Progress(System.out)).run();
        System.out.println("Blue-green summary (" + settings.name() + "):");
        System.out.print(result.summary());
        Path markdown = settings.name().equals("full") ? root.resolve("docs/deployments.md") : work.resolve("deployments.md");
        GeneratedDoc.DEPLOYMENTS.writeSection(markdown, HEADING, section(settings, result, commit, started));
        System.out.println("written to " + markdown);
        System.exit(result.passed() ? 0 : 1);
    }

    private static String section(BlueGreenSettings settings, BlueGreenResult result, String commit, LocalDateTime started) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Run %s UTC, commit %s, `ops/deploy/blue-green-demo %s`.%n%n",
                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), commit, settings.name()));
        text.append("Machine: ").append(Machine.describe("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres").oneLine())
                .append("; 1-, 5- and 15-minute load average at the end: ").append(loadAverage()).append(".\n\n");
        text.append("A correctness harness, not a benchmark: it shows that traffic moves from blue to green with nothing "
                + "failed, lost or doubled; its times are those of a small load on a shared laptop-sized machine, with both "
                + "colours, Kafka, haproxy and the clients on the same cores. ").append(settings.describe()).append(".\n\n");
        text.append("| Figure | Value |\n|---|---|\n");
        result.figures().forEach((name, value) -> text.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        return text.toString();
    }

    /** The machine is shared: a load far above its cores explains slow starts better than Parley does. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
