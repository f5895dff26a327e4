package parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.bench.Progress;
import parley.bench.Size;
import parley.bench.ScenarioResult;
import parley.bench.platform.PlatformSettings;

/**
 * The whole benchmark in its seconds-long size against the real platform jar, PostgreSQL, Kafka and
 * Redis, then the analyst tools on a small fresh event store, so that the harness cannot rot. It checks that everything ran and that no acknowledged
 * message was lost or duplicated; it asserts nothing about speed (benchmarks are not timed tests).
 */
class BenchSmokeTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void everyScenarioAndBaselineRunsAndNothingIsLost() throws Exception {
        Path out = Path.of("target/bench-smoke").toAbsolutePath();
        Path markdown = out.resolve("benchmarks.md");
        BenchRun.Outcome outcome = new BenchRun(Size.SMOKE, ROOT, out, markdown, PlatformSettings.defaults(ROOT),
                new Progress(System.out)).run();

        assertThat(outcome.results()).extracting(ScenarioResult::scenario).contains(RunResults.PRIVATE_MAX,
                RunResults.PRIVATE_LATENCY, RunResults.PRIVATE_HALF_RATE, RunResults.PGBENCH, RunResults.KAFKA,
                RunResults.GROUP_10, RunResults.GROUP_500, RunResults.IDLE_SESSIONS, RunResults.HISTORY, RunResults.COLD_START,
                RunResults.CRASH,
                RunResults.PG_COPY, RunResults.ANALYST_EXPORT_JSONL, RunResults.ANALYST_EXPORT_PARQUET, RunResults.ANALYST_REBUILD,
                RunResults.ANALYST_STATE);
        for (ScenarioResult result : outcome.results()) {
            assertThat(result.figures()).as(result.scenario()).isNotEmpty();
            assertThat(result.figures()).as(result.scenario() + " figures are numbers")
                    .allSatisfy(figure -> assertThat(figure.value()).isFinite());
        }
        assertThat(outcome.results().stream().filter(r -> r.scenario().startsWith("a-") || r.scenario().startsWith("b-")))
                .allSatisfy(result -> assertThat(result.acknowledged()).as(result.scenario()).isPositive());
        ScenarioResult crash = outcome.results().stream().filter(r -> r.scenario().equals(RunResults.CRASH)).findFirst().orElseThrow();
        assertThat(crash.figure("acked-before-kill")).as("acknowledged before the SIGKILL").isPositive();
        assertThat(crash.figure("acked-after-restart")).as("acknowledged by the restarted platform").isPositive();
        assertThat(crash.figure("store-lost") + crash.figure("store-duplicated") + crash.figure("read-lost")
                + crash.figure("read-duplicated")).as("acknowledged messages not exactly once in the event store and read tables")
                .isZero();
        assertThat(outcome.results().stream().filter(r -> r.scenario().startsWith("f-analyst-")))
                .as("every analyst command reported its events and peak heap")
                .allSatisfy(result -> assertThat(result.figure("events")).as(result.scenario()).isPositive())
                .allSatisfy(result -> assertThat(result.figure("peak-heap-mib")).as(result.scenario()).isPositive());
        assertThat(outcome.lost()).as("lost deliveries").isZero();
        assertThat(outcome.duplicated()).as("duplicated deliveries").isZero();
        assertThat(outcome.errors()).as("command errors").isZero();

        String report = Files.readString(markdown);
        assertThat(report).contains(MarkdownReport.MARKER, "| Ratio |", "| Target | Measured | Met |", "0 lost, 0 duplicated",
                "export jsonl events/s", "rebuild ≥ 50,000 events/s", "state --at on a chat of 100,000 events < 2 s");
        JsonNode json = new ObjectMapper().readTree(outcome.resultsDir().resolve("results.json").toFile());
        assertThat(json.toString()).contains("a-private-max", "baseline-pgbench");
        try (var plots = Files.list(outcome.resultsDir())) {
            List<Path> svgs = plots.filter(path -> path.toString().endsWith(".svg")).toList();
            assertThat(svgs).isNotEmpty().allSatisfy(svg -> assertThat(Files.readString(svg)).contains("<svg", "</svg>"));
        }
    }
}
