package parley.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.ScenarioResult;

/**
 * The results file of a run: {@code {"metadata":{...},"scenarios":[{"scenario","description","figures":[...],
 * "latencies":{"send-ack":{"count","meanMs","percentilesMs":{"p50",...,"max"}}},"acknowledged","lost",
 * "duplicated","errors"}]}}. Metadata is whatever the orchestrator records (commit, machine, start time...).
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One scenario as written: its histograms reduced to percentile tables. */
    public record ScenarioSummary(String scenario, String description, List<Figure> figures,
            Map<String, LatencySummary> latencies, long acknowledged, long lost, long duplicated, long errors) {

        public static ScenarioSummary of(ScenarioResult result) {
            Map<String, LatencySummary> latencies = new LinkedHashMap<>();
            result.latencies().forEach((name, histogram) -> latencies.put(name, LatencySummary.of(histogram)));
            return new ScenarioSummary(result.scenario(), result.description(), result.figures(), latencies,
                    result.acknowledged(), result.lost(), result.duplicated(), result.errors());
        }
    }

    /** The whole file. */
    public record Results(Map<String, Object> metadata, List<ScenarioSummary> scenarios) {
    }

    private ResultsJson() {
    }

    public static void write(Path file, Map<String, Object> metadata, List<ScenarioResult> results) throws IOException {
        Results document = new Results(metadata, results.stream().map(ScenarioSummary::of).toList());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), document);
    }

    public static Results read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Results.class);
    }
}
