package parley.bench.starvation;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import parley.bench.platform.Prometheus;

/**
 * The platform's own counters that explain a phase (scraped from {@code /actuator/prometheus}, which answers
 * loopback): how often the stream repeated itself and what absorbed it. Each is a sum over the series of one
 * name whose labels contain a filter; a series the platform does not have counts 0.
 */
record PlatformMetrics(Map<String, Double> values) {

    /** Figure name → (Prometheus name, label filter or ""). */
    static final Map<String, String[]> WATCHED = watched();

    private static Map<String, String[]> watched() {
        Map<String, String[]> watched = new LinkedHashMap<>();
        watched.put("repeated records not pushed again (live push)", new String[] {"parley_push_skipped_total", "reason=\"duplicate\""});
        watched.put("records of retried batches not re-sent (publisher)", new String[] {"parley_publisher_republish_skipped_total", ""});
        watched.put("publisher batches failed (retried whole)",
                new String[] {"resilience4j_circuitbreaker_calls_seconds_count", "kind=\"failed\",name=\"parley-kafka-publisher\""});
        watched.put("push consumer rebalances", new String[] {"kafka_consumer_coordinator_rebalance_total", "parley-live-push"});
        watched.put("sends refused OVERLOADED (server)", new String[] {"parley_overload_rejected_total", ""});
        return watched;
    }

    static PlatformMetrics scrape(URI baseUrl) {
        try {
            String text = Prometheus.scrape(baseUrl);
            Map<String, Double> values = new LinkedHashMap<>();
            WATCHED.forEach((figure, series) -> values.put(figure, Prometheus.sum(text, series[0], series[1])));
            return new PlatformMetrics(values);
        } catch (IOException e) {
            System.err.println("starvation: could not scrape the platform: " + e);
            return new PlatformMetrics(Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PlatformMetrics(Map.of());
        }
    }

    /** What grew from {@code before} to this. */
    PlatformMetrics since(PlatformMetrics before) {
        Map<String, Double> delta = new LinkedHashMap<>();
        values.forEach((figure, value) -> delta.put(figure, value - before.values.getOrDefault(figure, 0.0)));
        return new PlatformMetrics(delta);
    }
}
