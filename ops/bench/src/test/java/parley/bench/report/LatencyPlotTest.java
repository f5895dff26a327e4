package parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import parley.bench.ScenarioResult;

class LatencyPlotTest {

    @TempDir
    Path directory;

    @Test
    void drawsOnePolylinePerHistogramInWellFormedSvg() throws Exception {
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        latencies.put("send-ack", histogram(1, 10_000));
        latencies.put("send-delivered", histogram(5, 5_000));
        latencies.put("empty <&>", new Histogram(3));

        Document svg = parse(LatencyPlot.svg("a-private-sends: latency", latencies));

        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(3);
        assertThat(svg.getDocumentElement().getTextContent()).contains("latency (ms)", "percentile", "send-ack",
                "send-delivered", "empty <&>", "99.9%");
    }

    @Test
    void writesOneFilePerScenario() throws Exception {
        ScenarioResult result = new ScenarioResult("b-group-10", "", List.of(), Map.of("send-ack", histogram(1, 100)), 0, 0, 0, 0);

        Path file = LatencyPlot.write(directory, result);

        assertThat(file.getFileName().toString()).isEqualTo("b-group-10-latency.svg");
        assertThat(parse(Files.readString(file)).getElementsByTagName("polyline").getLength()).isEqualTo(1);
    }

    @Test
    void theXAxisIsLabelledInPercentilesOfTheTail() {
        assertThat(List.of(LatencyPlot.percentileLabel(0), LatencyPlot.percentileLabel(1), LatencyPlot.percentileLabel(2),
                LatencyPlot.percentileLabel(3), LatencyPlot.percentileLabel(4)))
                .containsExactly("0%", "90%", "99%", "99.9%", "99.99%");
        assertThat(LatencyPlot.decadesOf(99, 6)).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencyPlot.decadesOf(100, 6)).isEqualTo(6);
    }

    private static Histogram histogram(long fromMicros, long count) {
        Histogram histogram = new Histogram(3);
        for (long i = 0; i < count; i++) {
            histogram.recordValue(fromMicros * 1000 + i * 37);
        }
        return histogram;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
