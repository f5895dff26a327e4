package parley.bench.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import parley.bench.Progress;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;
import parley.bench.run.Commit;

/**
 * {@code ops/bench/run-all faults [ci]} (or {@code java -cp ops/bench/target/parley-bench.jar
 * parley.bench.faults.FaultSuiteMain [ci]} from the repository root): the full fault suite (or only the CI subset),
 * its table written as "Fault suite, latest run" in docs/reliability.md (the CI subset's under ops/bench/target/).
 * Exits with 1 when a row failed (anything lost or doubled, or no recovery).
 */
public final class FaultSuiteMain {

    static final String SECTION = "## Fault suite, latest run";

    private FaultSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args).stream().map(a -> a.toLowerCase(Locale.ROOT)).filter(a -> !a.equals("faults"))
                .toList();
        for (String argument : arguments) {
            if (!List.of("ci", "full").contains(argument)) {
                System.err.println("usage: run-all faults [ci|full]; unknown argument " + argument);
                System.exit(2);
            }
        }
        boolean ci = arguments.contains("ci");
        Path root = Path.of("").toAbsolutePath();
        String commit = Commit.describe(root); // before the run: the tree may change while it runs
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = root.resolve("ops/bench/target/faults-" + stamp);
        Files.createDirectories(work);
        String command = "ops/bench/run-all faults" + (ci ? " ci" : "");
        FaultSuite.Outcome outcome = FaultSuite.run(ci ? FaultSuite.ciSubset() : FaultSuite.full(),
                ci ? FaultSettings.ci() : FaultSettings.full(), PlatformSettings.defaults(root), work, new Progress(System.out));
        Path markdown = ci ? work.resolve("reliability.md") : root.resolve("docs/reliability.md");
        GeneratedDoc.RELIABILITY.writeSection(markdown, SECTION, section(outcome, commit, command,
                ci ? FaultSettings.ci() : FaultSettings.full()));
        System.out.println("written to " + root.relativize(markdown));
        System.exit(outcome.passed() ? 0 : 1);
    }

    static String section(FaultSuite.Outcome outcome, String commit, String command, FaultSettings settings) {
        String loads = outcome.loadAverages().stream().map(load -> String.format(Locale.ROOT, "%.1f", load))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, """
                %s UTC, commit %s, `%s`, %d s in all (the environment's start %d s). Machine: %s. 1-minute load average at \
                the start and at each fault: %s (the machine is shared: times are this machine's at that moment, not targets).

                Load per fault: %s. Environment: a PostgreSQL cluster of its own, three Kafka nodes (each broker and \
                controller, own JVM; chat-events with 3 replicas, min.insync.replicas 2), %s, Redis%s.

                %s
                Lost and duplicated count acknowledged messages in the event store and the read tables; deliveries are what \
                the SDK's listener showed (after its catch-up from history); "read tables = replay" compares every column \
                the query side reads (members counts, watermarks, histories) with a from-scratch replay of the event store \
                (`./parley analyst verify`). A fault passes when lost, duplicated, deliveries missing (after the heal or \
                before it), duplicated or out of order are 0, the read tables equal the replay, and the platform answered \
                again on its own. \
                Result: %s.
                """, LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), commit,
                command, outcome.wallTime().toSeconds(), outcome.environmentStartup().toSeconds(), outcome.machine().oneLine(),
                loads, settings.describe(), platformOf(outcome), forTheFaults(outcome),
                FaultTable.markdown(outcome.rows(), outcome.stopped()), result(outcome));
    }

    private static String result(FaultSuite.Outcome outcome) {
        if (outcome.passed()) {
            return "every fault passed";
        }
        List<String> failed = new ArrayList<>(outcome.rows().stream().filter(row -> !row.passed()).map(FaultRow::fault).toList());
        outcome.stopped().ifPresent(stop -> failed.add(stop.fault() + " (stopped the suite"
                + (stop.notRun().isEmpty() ? "" : "; not run: " + String.join(", ", stop.notRun())) + ")"));
        return "FAILED: " + String.join("; ", failed);
    }

    private static String platformOf(FaultSuite.Outcome outcome) {
        return outcome.parts().contains(EnvironmentPart.SEPARATE_SERVICES)
                ? "the platform's jar as " + EnvironmentPart.SEPARATE_SERVICES.described
                : "the platform's jar in its own JVM";
    }

    /**
     * The parts started only for some faults, in the environment's sentence (nothing for the CI subset); every fault of
     * the run has them.
     */
    private static String forTheFaults(FaultSuite.Outcome outcome) {
        List<String> parts = outcome.parts().stream().filter(part -> part != EnvironmentPart.SEPARATE_SERVICES).sorted()
                .map(part -> part.described).toList();
        return parts.isEmpty() ? "" : "; for its faults also " + String.join(", ", parts);
    }
}
