package parley.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.analyst.AnalystScenario;
import parley.bench.analyst.AnalystSettings;
import parley.bench.Progress;
import parley.bench.Size;
import parley.bench.Scenario;
import parley.bench.ScenarioResult;
import parley.bench.baseline.KafkaProducerBaseline;
import parley.bench.baseline.ParleyRecordSize;
import parley.bench.baseline.PgBenchBaseline;
import parley.bench.platform.BenchEnvironment;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.LatencyPlot;
import parley.bench.report.ResultsJson;

/**
 * One benchmark run: the platform started cold on an empty database, Parley's sustained private
 * sends (closed loop for the maximum, then open loop for latency at the target rate and at half the
 * maximum), the two baselines at the same client count and record size, group fan-out, idle
 * sessions, history reads, a restart on the full database, a SIGKILL under load and a restart after which every
 * acknowledged message must be stored exactly once (issue 14), and then the analyst tools on a fresh
 * event store (export, rebuild, state; issue 13). Writes results.json and one latency plot per scenario, and a section of
 * benchmarks.md.
 */
public final class BenchRun {

    private static final double TARGET_RATE = 2_000;

    private final Size size;
    private final Path repositoryRoot;
    private final Path outputDir;
    private final Path markdown;
    private final PlatformSettings platform;
    private final Progress progress;
    /** Each scenario's name, start and end (tab-separated instants), for reading a profile by scenario. */
    public static final String SCENARIO_WINDOWS = "scenario-windows.tsv";

    private final Scope scope;

    public BenchRun(Size size, Path repositoryRoot, Path outputDir, Path markdown, PlatformSettings platform, Progress progress) {
        this(size, repositoryRoot, outputDir, markdown, platform, progress, Scope.ALL);
    }

    /** {@code scope} says whether the platform's scenarios, the analyst tools' (issue 13), or both run. */
    public BenchRun(Size size, Path repositoryRoot, Path outputDir, Path markdown, PlatformSettings platform, Progress progress,
            Scope scope) {
        this.scope = scope;
        this.size = size;
        this.repositoryRoot = repositoryRoot;
        this.outputDir = outputDir;
        this.markdown = markdown;
        this.platform = platform;
        this.progress = progress;
    }

    /** Runs everything and returns the results (the report is written even when a scenario lost messages). */
    public Outcome run() throws Exception {
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String commit = Commit.describe(repositoryRoot); // before the run: the tree may change while it runs
        Files.createDirectories(outputDir);
        RunResults run = new RunResults();
        Plan plan = new Plan(size);
        double latencyRate = Double.NaN;
        String latencyRateWhy = "";
        Machine machine = null;
        if (scope.platform()) try (BenchEnvironment environment = BenchEnvironment.start(platform, outputDir.resolve("work"), progress)) {
            Duration coldStart = environment.startupOfFirstPlatform();
            machine = Machine.describe(environment.target().jdbcUrl(), environment.target().jdbcUser());
            progress.line("machine: %s", machine.oneLine());

            ScenarioResult max = runScenario(run, plan.privateMax(), environment);
            double maxRate = max.figure("acked-per-s");
            latencyRate = Math.min(TARGET_RATE, 0.8 * maxRate);
            latencyRateWhy = maxRate * 0.8 >= TARGET_RATE ? "the machine sustains 2,000 msg/s"
                    : String.format("80 %% of the measured maximum %.0f msg/s", maxRate);
            runScenario(run, plan.privateLatency(latencyRate), environment);
            runScenario(run, plan.privateHalfRate(maxRate), environment);

            int recordBytes = ParleyRecordSize.sample(environment.target().kafkaBootstrap(), 2_000,
                    (int) max.figure("envelope-bytes"));
            runScenario(run, new PgBenchBaseline(plan.senders(), (int) max.figure("envelope-bytes"), plan.baselineDuration(),
                    outputDir.resolve("work")), environment);
            if (!scope.beyondSends()) {
                return report(started, commit, machine, run, latencyRate, latencyRateWhy);
            }
            runScenario(run, new KafkaProducerBaseline(plan.kafkaRecords(), recordBytes), environment);

            for (Scenario scenario : plan.afterBaselines()) {
                runScenario(run, scenario, environment);
            }

            Duration shutdown = environment.stopPlatform();
            Duration restart = environment.startPlatform();
            run.add(new ScenarioResult(RunResults.COLD_START,
                    "launch of java -jar parley.jar to readiness UP: on the empty database (every migration), then after "
                            + "SIGTERM on the full one",
                    List.of(new Figure("empty-db-ready-s", seconds(coldStart), "s"), new Figure("graceful-stop-s", seconds(shutdown), "s"),
                            new Figure("restart-ready-s", seconds(restart), "s")),
                    Map.of(), 0, 0, 0, 0));

            progress.line("== %s", RunResults.CRASH);
            ScenarioResult crash = plan.crash().run(environment, progress);
            run.add(crash);
            progress.line("== %s: %s (lost %d, duplicated %d, errors %d)", crash.scenario(), crash.figures(), crash.lost(),
                    crash.duplicated(), crash.errors());
        }
        if (scope.analyst()) {
            // After the platform has stopped: the analyst tools get the machine to themselves, as an analyst's run would.
            AnalystScenario analyst = new AnalystScenario(AnalystSettings.of(size), repositoryRoot, outputDir.resolve("work/analyst"),
                    progress);
            progress.line("== analyst tools (issue 13)");
            for (ScenarioResult result : analyst.run()) {
                run.add(result);
                progress.line("== %s: %s", result.scenario(), result.figures());
            }
            if (machine == null) {
                machine = Machine.describe(analyst.jdbcUrl(), "postgres");
            }
        }
        return report(started, commit, machine, run, latencyRate, latencyRateWhy);
    }

    private ScenarioResult runScenario(RunResults run, Scenario scenario, BenchEnvironment environment) throws Exception {
        progress.line("== %s", scenario.name());
        CpuShares cpu = CpuShares.start(environment.target().platformPid());
        Instant start = Instant.now();
        ScenarioResult result = scenario.run(environment.target(), progress).withFigures(cpu.figures());
        // A profile's samples can then be read scenario by scenario (JfrTop --window), without the accounts' set-up.
        Files.writeString(outputDir.resolve(SCENARIO_WINDOWS), scenario.name() + "\t" + start + "\t" + Instant.now() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        run.add(result);
        progress.line("== %s: %s (lost %d, duplicated %d, errors %d)", result.scenario(), result.figures(), result.lost(),
                result.duplicated(), result.errors());
        return result;
    }

    private Outcome report(ZonedDateTime started, String commit, Machine machine, RunResults run, double latencyRate,
            String why) throws Exception {
        String runId = started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + "-" + commit.replace("+dirty", "-dirty");
        Path plotDir = markdown.getParent().resolve("benchmarks").resolve(runId);
        Files.createDirectories(plotDir);
        Map<String, String> plots = new LinkedHashMap<>();
        for (ScenarioResult result : run.all()) {
            if (!result.latencies().isEmpty()) {
                Path svg = LatencyPlot.write(plotDir, result);
                plots.put(result.scenario(), markdown.getParent().relativize(svg).toString());
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("started", started.toString());
        metadata.put("commit", commit);
        metadata.put("size", size.name());
        metadata.put("machine", machine.asMap());
        metadata.put("latencyRate", latencyRate);
        ResultsJson.write(plotDir.resolve("results.json"), metadata, run.all());
        List<Ratios.Ratio> ratios = Ratios.of(run);
        List<Targets.Verdict> verdicts = Targets.judge(run, latencyRate, why);
        String title = started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + " · " + commit + " · "
                + size.name().toLowerCase();
        MarkdownReport.insert(markdown, MarkdownReport.section(
                new MarkdownReport.Header(title, machine.oneLine(), commit, size.name().toLowerCase()), run, ratios, verdicts, plots));
        for (Ratios.Ratio ratio : ratios) {
            progress.line("%-28s %10.0f   vs %-20s %10.0f   ratio %.3f", ratio.parley(), ratio.value(), ratio.baseline(),
                    ratio.baselineValue(), ratio.ratio());
        }
        for (Targets.Verdict verdict : verdicts) {
            progress.line("%-3s %s: %s", verdict.met() ? "MET" : "MISSED", verdict.target(), verdict.measured());
        }
        progress.line("%d lost, %d duplicated, %d errors; results in %s, report in %s", run.lost(), run.duplicated(),
                run.errors(), plotDir, markdown);
        return new Outcome(run.all(), run.lost(), run.duplicated(), run.errors(), plotDir);
    }

    /** What a caller (the smoke test, the command line) checks. */
    public record Outcome(List<ScenarioResult> results, long lost, long duplicated, long errors, Path resultsDir) {
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
