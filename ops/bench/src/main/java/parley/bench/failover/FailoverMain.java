package parley.bench.failover;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.run.Commit;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;

/**
 * {@code ops/bench/run-all failover [smoke] [--async]} (or {@code java -cp ops/bench/target/parley-bench.jar
 * parley.bench.failover.FailoverMain ...} from the repository root): two regions on this machine, region A killed under
 * load, region B promoted ({@link FailoverRun}). Prints the summary; a full run writes it into docs/deployments.md under
 * "Region failover, latest run", a smoke run under ops/bench/target/. Exits with 1 when the run broke its promise:
 * anything duplicated, anything B acknowledged lost, or (with synchronous replication, the default) anything A
 * acknowledged lost.
 */
public final class FailoverMain {

    static final String SECTION = "## Region failover, latest run";

    private FailoverMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args).stream().map(a -> a.toLowerCase(Locale.ROOT)).filter(a -> !a.equals("failover"))
                .toList();
        for (String argument : arguments) {
            if (!List.of("smoke", "full", "--async").contains(argument)) {
                System.err.println("usage: run-all failover [smoke|full] [--async]; unknown argument " + argument);
                System.exit(2);
            }
        }
        boolean smoke = arguments.contains("smoke");
        boolean synchronous = !arguments.contains("--async");
        FailoverSettings settings = smoke ? FailoverSettings.smoke(synchronous) : FailoverSettings.full(synchronous);
        Path root = Path.of("").toAbsolutePath();
        String commit = Commit.describe(root); // before the run: the tree may change while it runs
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = root.resolve("ops/bench/target/failover-" + stamp);
        Files.createDirectories(work);
        PlatformSettings platform = PlatformSettings.defaults(root);
        platform = new PlatformSettings(platform.jar(), "768m", platform.jvmOptions(), platform.redisAddress());
        FailoverResult result = new FailoverRun(settings, platform, work, new Progress(System.out)).run();
        result.summary().forEach(System.out::println);
        Path markdown = smoke ? work.resolve("deployments.md") : root.resolve("docs/deployments.md");
        GeneratedDoc.DEPLOYMENTS.writeSection(markdown, SECTION, section(result, commit));
        System.out.println("written to " + root.relativize(markdown));
        System.exit(result.passed() ? 0 : 1);
    }

    static String section(FailoverResult result, String commit) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s UTC, %s, %d cores, commit %s; `ops/bench/run-all failover%s` (runbook: "
                + "[ops/runbooks/region-failover.md](../ops/runbooks/region-failover.md), decision: "
                + "[ADR 0017](adr/0017-region-failover-with-a-streaming-replica.md)).%n%n",
                LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), hostName(),
                Runtime.getRuntime().availableProcessors(), commit, result.synchronous() ? "" : " --async"));
        text.append("What the times hold: the first read on B waits for the simulated load balancer to see ")
                .append(HistoryReader.FAILOVER_AFTER).append(" failed reads of A in a row (reads every ")
                .append(HistoryReader.INTERVAL_MILLIS).append(" ms); the first send on B waits for the runbook's detect-and-fence ")
                .append("time (a fixed setting here), the promotion, B's platform's cold start on the promoted database and the ")
                .append("clients' reconnection. The machine is shared (its 1-minute load average at the kill is a figure below), ")
                .append("so the start-up times are this machine's, not a target.\n\n");
        text.append("```\n");
        result.summary().forEach(line -> text.append(line).append('\n'));
        text.append("```\n\n| figure | value | unit |\n|---|---:|---|\n");
        for (Figure figure : result.figures()) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", figure.name(), format(figure.value()), figure.unit()));
        }
        return text.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }
}
