package parley.bench.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import parley.bench.Progress;
import parley.bench.ScenarioResult;
import parley.bench.Size;
import parley.bench.load.LoadScenario;
import parley.bench.load.LoadSettings;
import parley.bench.platform.BenchEnvironment;
import parley.bench.platform.PlatformSettings;
import parley.bench.report.GeneratedDoc;
import parley.bench.run.Commit;
import parley.bench.run.Machine;
import parley.bench.run.Plan;

/**
 * {@code ops/bench/run-all soak [minutes] [--rate N] [--window S]} (issue 16, "load held"): the platform started as
 * the benchmark starts it, its maximum measured with scenario (a)'s closed loop (shortened) unless {@code --rate} is
 * given, then scenario (a)'s users and chats in an open loop at half that rate for 30 minutes, cut into windows of a
 * minute. Writes "Soak, latest run" in docs/reliability.md: the windows beside the run's own first windows, and a
 * verdict per figure ({@link SoakVerdict}). Exits with 1 if a figure grew or a message was lost or duplicated.
 */
public final class SoakMain {

    static final String SECTION = "## Soak, latest run";
    /** The issue's soak; a shorter run is labelled as such in the section. */
    static final Duration ISSUE_DURATION = Duration.ofMinutes(30);
    /** The maximum is measured as the benchmark's a-private-max, shortened: its rate settles within seconds. */
    private static final Duration MAX_WARM_UP = Duration.ofSeconds(10);
    private static final Duration MAX_MEASURED = Duration.ofSeconds(30);
    private static final String SCENARIO = "soak-private-open-loop";
    /**
     * The benchmark waits 30 s after its last send; on this shared machine a platform that fell behind (load averages
     * of 80 on 2 cores) had deliveries still coming then, which the ledger counts as lost. A lost delivery in the soak
     * should mean lost, not late: it waits up to 2 minutes (only while something is missing).
     */
    private static final Duration DRAIN = Duration.ofMinutes(2);

    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        SoakSettings settings;
        try {
            settings = SoakSettings.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = root.resolve("ops/bench/target/soak-" + stamp);
        Files.createDirectories(work);
        String commit = Commit.describe(root); // before the run: the tree may change while it runs
        LocalDateTime started = LocalDateTime.now(ZoneOffset.UTC);
        Progress progress = new Progress(System.out);
        PlatformSettings platform = withTokensOutlasting(PlatformSettings.defaults(root), settings);
        Outcome outcome;
        try (BenchEnvironment environment = BenchEnvironment.start(platform, work.resolve("work"), progress)) {
            Machine machine = Machine.describe(environment.target().jdbcUrl(), environment.target().jdbcUser());
            progress.line("machine: %s", machine.oneLine());
            double maximum = Double.NaN;
            double rate = settings.rate();
            if (settings.measuresMaximum()) {
                LoadSettings max = Plan.privateMax(Size.FULL).withDurations(MAX_WARM_UP, MAX_MEASURED);
                maximum = new LoadScenario(max).run(environment.target(), progress).figure("acked-per-s");
                rate = maximum / 2;
                progress.line("soak: maximum %.1f msg/s, soaking at half: %.1f msg/s", maximum, rate);
            }
            LoadSettings load = Plan.privateOpenLoop(Size.FULL, SCENARIO, rate).withDurations(Duration.ZERO, settings.loadDuration())
                    .withDrainTimeout(DRAIN);
            SoakRecorder recorder = new SoakRecorder(environment.target(), settings, progress);
            ScenarioResult result = new LoadScenario(load, recorder).run(environment.target(), progress);
            List<SoakWindow> windows = recorder.windows();
            SoakVerdict.Verdict verdict = SoakVerdict.judge(windows, recorder.heapAfterGcAtBaseline(), recorder.heapAfterGcAtEnd());
            outcome = new Outcome(settings, load, maximum, rate, windows, recorder.heapAfterGcAtBaseline(), recorder.heapAfterGcAtEnd(),
                    verdict, result, machine);
        }
        String command = "ops/bench/run-all " + String.join(" ", args);
        String section = section(outcome, started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), commit, command);
        Files.writeString(work.resolve("soak.md"), SECTION + "\n\n" + section);
        Path markdown = root.resolve("docs/reliability.md");
        GeneratedDoc.RELIABILITY.writeSection(markdown, SECTION, section);
        checks(outcome.verdict()).forEach(System.out::println);
        System.out.println("written to " + root.relativize(markdown) + " (and " + root.relativize(work.resolve("soak.md")) + ")");
        System.exit(outcome.passed() ? 0 : 1);
    }

    /**
     * Access tokens last 15 minutes and the load generator does not refresh them (its sessions would be closed
     * halfway through the soak): the soak's platform issues tokens that outlast the run. Everything else is the
     * benchmark's platform.
     */
    static PlatformSettings withTokensOutlasting(PlatformSettings platform, SoakSettings settings) {
        List<String> options = new ArrayList<>(platform.jvmOptions());
        long minutes = settings.loadDuration().toMinutes() + 30; // set-up, the maximum's measure and the drain
        options.add("-Dparley.jwt.access-token-ttl=" + minutes + "m");
        return platform.withJvmOptions(options);
    }

    /** What the section shows. */
    record Outcome(SoakSettings settings, LoadSettings load, double maximum, double rate, List<SoakWindow> windows,
            double heapAfterGcAtBaseline, double heapAfterGcAtEnd, SoakVerdict.Verdict verdict, ScenarioResult result,
            Machine machine) {

        boolean passed() {
            return verdict.flat() && result.lost() == 0 && result.duplicated() == 0;
        }
    }

    static String section(Outcome outcome, String started, String commit, String command) {
        SoakSettings settings = outcome.settings();
        StringBuilder text = new StringBuilder();
        double minutes = settings.loadDuration().toSeconds() / 60.0;
        text.append(String.format(Locale.ROOT, "%s UTC, commit %s, %s; `%s`.%s%n%n", started, commit, outcome.machine().oneLine(),
                command, settings.loadDuration().compareTo(ISSUE_DURATION) < 0
                        ? String.format(Locale.ROOT, " **A %s-minute run, not the issue's 30-minute soak.**", SoakVerdict.number(minutes))
                        : ""));
        String rate = Double.isNaN(outcome.maximum())
                ? String.format(Locale.ROOT, "%.1f msg/s (given with `--rate`)", outcome.rate())
                : String.format(Locale.ROOT, "%.1f msg/s, half the maximum of %.1f msg/s measured just before on the same platform "
                        + "(the benchmark's a-private-max: closed loop of %d, %d s warm-up + %d s)", outcome.rate(), outcome.maximum(),
                        LoadSettings.privateSends(Size.FULL).mode().concurrency(), MAX_WARM_UP.toSeconds(), MAX_MEASURED.toSeconds());
        text.append(String.format(Locale.ROOT, "Load: the benchmark's scenario (a), %d users in %s, one STOMP session each, sealed "
                        + "envelopes, delivery receipts, in an open loop at %s, for %s min in windows of %d s. Latency counts from each "
                        + "send's scheduled time (a stall shows). The platform is started as the benchmark starts it, except that its "
                        + "access tokens outlast the run (the load generator does not refresh them). Platform figures are read at each "
                        + "window's end from `/actuator/prometheus` and `/proc/<pid>/status` (resident size); the heap after a full GC (jcmd) at the end "
                        + "of the baseline windows and after the load (when nothing is in flight).%n%n",
                outcome.load().users(), outcome.load().shape(), rate, SoakVerdict.number(minutes), settings.window().toSeconds()));
        text.append("| window | offered msg/s | acked msg/s | delivered p50 ms | delivered p99 ms | ack p99 ms | errors | OVERLOADED "
                + "| heap used MiB | old gen after GC MiB | threads | Hikari borrowed / open | WebSocket sessions | open files "
                + "| direct buffers MiB | RSS MiB | load avg |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<SoakWindow> windows = outcome.windows();
        SoakVerdict.Split split = outcome.verdict().split();
        int step = Math.max(1, (int) Math.ceil(windows.size() / 30.0)); // a 30-minute soak shows every window
        for (SoakWindow window : windows) {
            boolean edge = split == null || window.index() <= split.baselineTo() || window.index() >= split.tailFrom();
            if (edge || window.index() % step == 0) {
                PlatformSample platform = window.platform();
                text.append(String.format(Locale.ROOT, "| %d%s | %.1f | %.1f | %s | %s | %s | %d | %d | %s | %s | %s | %s / %s | %s | %s | %s | %s | %.1f |%n",
                        window.index(), label(split, window.index()), window.offeredPerSecond(), window.ackedPerSecond(),
                        ms(window.deliveredP50Ms()), ms(window.deliveredP99Ms()), ms(window.ackP99Ms()), window.errors(),
                        window.overloaded(), mib(platform.heapUsedBytes()), platform.liveDataBytes() > 0 ? mib(platform.liveDataBytes()) : "–",
                        count(platform.threads()), count(platform.hikariActive()), count(platform.hikariTotal()),
                        count(platform.webSocketSessions()), count(platform.openFiles()), mib(platform.directBytes()), mib(platform.rssBytes()),
                        window.loadAverage()));
            }
        }
        text.append('\n');
        SoakVerdict.Verdict verdict = outcome.verdict();
        if (split == null) {
            text.append(String.format(Locale.ROOT, "Too few windows (%d) to set a baseline apart from the last ones: no verdict.%n%n",
                    windows.size()));
        } else {
            text.append(String.format(Locale.ROOT, "Verdict (%s; each figure against this run's own baseline, never an absolute "
                    + "value: the machine is shared):%n%n", split.describe()));
            text.append("| figure | baseline | last | ratio | flat when | verdict |\n|---|---:|---:|---:|---|---|\n");
            for (SoakVerdict.Check check : verdict.checks()) {
                text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", check.rule().figure(), value(check.baseline(), check.rule().unit()),
                        value(check.tail(), check.rule().unit()), Double.isNaN(check.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f", check.ratio()),
                        check.rule().describe(), check.outcome().text));
            }
            text.append('\n');
        }
        ScenarioResult result = outcome.result();
        text.append(String.format(Locale.ROOT, "Whole run: %,d acknowledged, %d lost, %d duplicated (the benchmark's exactly-once "
                        + "ledger), %d errors. %s%n", result.acknowledged(), result.lost(), result.duplicated(), result.errors(),
                outcome.passed() ? "Every figure flat, nothing lost or duplicated." : split == null ? "No verdict."
                        : "**Something grew, or was lost or duplicated: see [the runbook](../ops/runbooks/soak.md).**"));
        return text.toString();
    }

    static List<String> checks(SoakVerdict.Verdict verdict) {
        return verdict.checks().stream().map(check -> String.format(Locale.ROOT, "%-14s %s: baseline %s, last %s (%s)",
                check.outcome().name(), check.rule().figure(), value(check.baseline(), check.rule().unit()),
                value(check.tail(), check.rule().unit()), check.rule().describe())).toList();
    }

    private static String label(SoakVerdict.Split split, int index) {
        if (split == null) {
            return "";
        }
        if (index <= split.warmUp()) {
            return " (warm-up)";
        }
        if (index <= split.baselineTo()) {
            return " (baseline)";
        }
        return index >= split.tailFrom() ? " (last)" : "";
    }

    private static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return unit.isEmpty() ? String.format(Locale.ROOT, "%.2f", value) : SoakVerdict.number(value) + " " + unit;
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String mib(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format(Locale.ROOT, "%.0f", SoakRecorder.mib(bytes));
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }
}
