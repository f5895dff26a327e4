package parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.Figure;
import parley.bench.ScenarioResult;

class ResultsJsonTest {

    @TempDir
    Path directory;

    @Test
    void writesFiguresMetadataAndPercentileTablesThatReadBack() throws Exception {
        Histogram micros = new Histogram(3);
        for (int value = 1; value <= 1000; value++) {
            micros.recordValue(value * 1000L); // 1 ms .. 1000 ms
        }
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("send-ack", micros);
        latencies.put("send-delivered", new Histogram(3));
        ScenarioResult result = new ScenarioResult("a-private-sends", "50 users", List.of(new Figure("acked-per-s", 123.5, "msg/s")),
                latencies, 1000, 2, 1, 3);
        Path file = directory.resolve("out/results.json");

        ResultsJson.write(file, Map.of("commit", "abc123", "cores", 2), List.of(result));
        ResultsJson.Results read = ResultsJson.read(file);

        assertThat(read.metadata()).containsEntry("commit", "abc123").containsEntry("cores", 2);
        ResultsJson.ScenarioSummary scenario = read.scenarios().get(0);
        assertThat(scenario.scenario()).isEqualTo("a-private-sends");
        assertThat(scenario.figures()).containsExactly(new Figure("acked-per-s", 123.5, "msg/s"));
        assertThat(List.of(scenario.acknowledged(), scenario.lost(), scenario.duplicated(), scenario.errors()))
                .containsExactly(1000L, 2L, 1L, 3L);
        LatencySummary ack = scenario.latencies().get("send-ack");
        assertThat(ack.count()).isEqualTo(1000);
        assertThat(ack.percentilesMs()).containsOnlyKeys("p50", "p90", "p99", "p99.9", "p99.99", "max");
        assertThat(ack.percentilesMs().get("p50")).isCloseTo(500, org.assertj.core.data.Offset.offset(1.0));
        assertThat(ack.percentilesMs().get("max")).isCloseTo(1000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(scenario.latencies().get("send-delivered").count()).isZero();
        assertThat(read).isEqualTo(ResultsJson.read(file));
    }
}
