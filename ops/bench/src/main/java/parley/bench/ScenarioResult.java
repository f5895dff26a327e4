package parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured.
 *
 * @param scenario short id, e.g. {@code a-private-sends}
 * @param description one line: what ran (users, chats, rate or concurrency, duration)
 * @param figures the headline figures (throughput, percentiles, memory per session...)
 * @param latencies named latency histograms in microseconds (e.g. {@code send-ack}, {@code send-delivered}), plotted per run
 * @param acknowledged messages the platform acknowledged
 * @param lost acknowledged deliveries that never arrived (message x recipient device)
 * @param duplicated deliveries that arrived more than once
 * @param errors commands that failed or were rejected
 */
public record ScenarioResult(String scenario, String description, List<Figure> figures, Map<String, Histogram> latencies,
        long acknowledged, long lost, long duplicated, long errors) {

    /** The same result with {@code more} figures after its own. */
    public ScenarioResult withFigures(List<Figure> more) {
        List<Figure> all = new ArrayList<>(figures);
        all.addAll(more);
        return new ScenarioResult(scenario, description, List.copyOf(all), latencies, acknowledged, lost, duplicated, errors);
    }

    public double figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).mapToDouble(Figure::value).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(scenario + " has no figure " + name));
    }
}
