package parley.bench.analyst;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.ScenarioResult;
import parley.bench.platform.ChildJvm;
import parley.local.TestDatabase;

/**
 * Issue 13's speed figures: a fresh event store of {@code events} events ({@code SyntheticEventStore}
 * then one busy group of {@code chatEvents}, made by {@code parley.analyst.bench.BenchStore} in its
 * own JVM), then, each in its own JVM with {@code -Xmx256m} as {@code ./parley analyst} runs it:
 * {@code export} to JSONL and to Parquet, {@code rebuild} (replay, verification replay, switch) and
 * {@code state --at} on the busy group's last event. Beside them, the same run's raw read rate of the
 * store ({@link CopyBaseline}). Figures come from the commands' own summary lines (events/s, peak
 * heap) and from outside (wall time from launch to exit, the process's peak resident set, the load
 * average: this machine is shared).
 */
public final class AnalystScenario {

    public static final String COPY = "baseline-pg-copy";
    public static final String EXPORT_JSONL = "f-analyst-export-jsonl";
    public static final String EXPORT_PARQUET = "f-analyst-export-parquet";
    public static final String REBUILD = "f-analyst-rebuild";
    public static final String STATE = "f-analyst-state";


    private final AnalystSettings settings;
    private final Path repositoryRoot;
    private final Path workDir;
    private final Progress progress;
    private String jdbcUrl;

    public AnalystScenario(AnalystSettings settings, Path repositoryRoot, Path workDir, Progress progress) {
        this.settings = settings;
        this.repositoryRoot = repositoryRoot;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** The database the scenario made (after {@link #run}), for the machine's description. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public List<ScenarioResult> run() throws Exception {
        Path jar = repositoryRoot.resolve("ops/analyst/target/parley-analyst-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl ops/analyst -am -DskipTests package"
                    + " (ops/bench/run-all does)");
        }
        TestDatabase database = TestDatabase.create("bench_analyst");
        jdbcUrl = database.jdbcUrl();
        String user = database.username();
        Files.createDirectories(workDir);

        progress.line("analyst: filling a fresh event store with %,d events (a group of %,d among them)", settings.events(),
                settings.chatEvents());
        ChildJvm.Outcome fill = ChildJvm.run(List.of("-Xmx1g", "-cp", jar.toString(),
                "-Dloader.main=parley.analyst.bench.BenchStore", "org.springframework.boot.loader.launch.PropertiesLauncher",
                jdbcUrl, user, repositoryRoot.resolve("command-side/src/main/resources/db/command").toString(),
                String.valueOf(settings.events()), String.valueOf(settings.chatEvents())), workDir, workDir.resolve("fill.log"))
                .requireSuccess("filling the event store");
        Map<String, String> store = keyValues(fill.output());
        long events = Long.parseLong(store.get("events"));
        progress.line("analyst: %,d events stored in %.1f s", events, fill.wallSeconds());

        List<ScenarioResult> results = new ArrayList<>();
        double load = loadAverage();
        CopyBaseline.Result copy = CopyBaseline.measure(jdbcUrl, user);
        results.add(new ScenarioResult(COPY, String.format(
                "The raw read rate of the same %,d-event store: COPY (SELECT * FROM domainevententry) TO STDOUT"
                        + " through the JDBC CopyManager into a byte counter", events),
                List.of(new Figure("rows", copy.rows(), ""), new Figure("events-per-s", copy.rowsPerSecond(), "1/s"),
                        new Figure("mib-per-s", copy.mibPerSecond(), "MiB/s"), new Figure("wall-s", copy.seconds(), "s"),
                        new Figure("load-1m", load, "")),
                Map.of(), 0, 0, 0, 0));
        progress.line("analyst: COPY baseline %,.0f rows/s (%.1f MiB/s)", copy.rowsPerSecond(), copy.mibPerSecond());

        List<String> connection = List.of("--db-url", jdbcUrl, "--db-user", user);
        results.add(export(EXPORT_JSONL, "jsonl", "events.jsonl", jar, connection, events));
        results.add(export(EXPORT_PARQUET, "parquet", "events.parquet", jar, connection, events));
        results.add(rebuild(jar, connection, events));
        results.add(state(jar, connection, store));
        return results;
    }

    private ScenarioResult export(String name, String format, String file, Path jar, List<String> connection, long events) {
        List<String> arguments = new ArrayList<>(List.of("export", "--format", format, "--out", workDir.resolve(file).toString()));
        arguments.addAll(connection);
        Measured run = analyst(name, jar, arguments);
        SummaryLine summary = SummaryLine.require(run.outcome().output(), "export " + format, run.outcome().log());
        return new ScenarioResult(name, String.format("./parley analyst export --format %s of all %,d events, -Xmx%s", format,
                events, settings.heap()),
                withCommon(List.of(new Figure("events", summary.events(), ""),
                        new Figure("events-per-s", summary.eventsPerSecond(), "1/s"), new Figure("tool-s", summary.seconds(), "s"),
                        new Figure("peak-heap-mib", summary.peakHeapMib(), "MiB")), run),
                Map.of(), 0, 0, 0, 0);
    }

    private ScenarioResult rebuild(Path jar, List<String> connection, long events) {
        List<String> arguments = new ArrayList<>(List.of("rebuild"));
        arguments.addAll(connection);
        Measured run = analyst(REBUILD, jar, arguments);
        String output = run.outcome().output();
        SummaryLine replay = SummaryLine.require(output, "rebuild", run.outcome().log());
        SummaryLine verify = SummaryLine.require(output, "verify", run.outcome().log());
        return new ScenarioResult(REBUILD, String.format("./parley analyst rebuild of all %,d events into a new generation:"
                        + " replay, a second replay that verifies it, switch; -Xmx%s", events, settings.heap()),
                withCommon(List.of(new Figure("events", replay.events(), ""),
                        new Figure("events-per-s", replay.eventsPerSecond(), "1/s"), new Figure("replay-s", replay.seconds(), "s"),
                        new Figure("verify-events-per-s", verify.eventsPerSecond(), "1/s"),
                        new Figure("whole-events-per-s", replay.events() / run.outcome().wallSeconds(), "1/s"),
                        new Figure("peak-heap-mib", Math.max(replay.peakHeapMib(), verify.peakHeapMib()), "MiB")), run),
                Map.of(), 0, 0, 0, 0);
    }

    private ScenarioResult state(Path jar, List<String> connection, Map<String, String> store) {
        List<String> arguments = new ArrayList<>(List.of("state", "--chat", store.get("chat"), "--at", store.get("chatLast")));
        arguments.addAll(connection);
        Measured run = analyst(STATE, jar, arguments);
        SummaryLine summary = SummaryLine.require(run.outcome().output(), "state", run.outcome().log());
        return new ScenarioResult(STATE, String.format("./parley analyst state --chat G --at (G's last event) on a group of %s"
                        + " events in the same store, -Xmx%s", store.get("chatEvents"), settings.heap()),
                withCommon(List.of(new Figure("events", summary.events(), ""), new Figure("tool-s", summary.seconds(), "s"),
                        new Figure("events-per-s", summary.eventsPerSecond(), "1/s"),
                        new Figure("peak-heap-mib", summary.peakHeapMib(), "MiB")), run),
                Map.of(), 0, 0, 0, 0);
    }

    private record Measured(ChildJvm.Outcome outcome, double loadBefore, double loadAfter) {
    }

    private Measured analyst(String name, Path jar, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("-Xmx" + settings.heap(), "-jar", jar.toString()));
        command.addAll(arguments);
        progress.line("analyst: %s", String.join(" ", arguments));
        double before = loadAverage();
        ChildJvm.Outcome outcome = ChildJvm.run(command, workDir, workDir.resolve(name + ".log")).requireSuccess(name);
        double after = loadAverage();
        progress.line("analyst: %s done in %.1f s, peak RSS %,d MiB, load %.2f -> %.2f", name, outcome.wallSeconds(),
                outcome.peakRssKib() / 1024, before, after);
        return new Measured(outcome, before, after);
    }

    private static List<Figure> withCommon(List<Figure> own, Measured run) {
        List<Figure> figures = new ArrayList<>(own);
        figures.add(new Figure("wall-s", run.outcome().wallSeconds(), "s"));
        figures.add(new Figure("peak-rss-mib", run.outcome().peakRssKib() / 1024.0, "MiB"));
        figures.add(new Figure("load-1m-before", run.loadBefore(), ""));
        figures.add(new Figure("load-1m-after", run.loadAfter(), ""));
        return figures;
    }

    /** The {@code key=value} pairs of BenchStore's last line. */
    private static Map<String, String> keyValues(String output) {
        String[] lines = output.strip().split("\\R");
        Map<String, String> values = new HashMap<>();
        for (String pair : lines[lines.length - 1].split(" ")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        if (!values.containsKey("events") || !values.containsKey("chat")) {
            throw new IllegalStateException("BenchStore printed no events=... chat=... line: " + lines[lines.length - 1]);
        }
        return values;
    }

    /** The 1-minute load average (NaN without /proc): the machine is shared, so every figure says how busy it was. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
