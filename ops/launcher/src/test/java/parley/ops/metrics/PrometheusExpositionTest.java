package parley.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the scrape test reads an exposition: families, suffixes and label sums. */
class PrometheusExpositionTest {

    private static final String TEXT = """
            # HELP parley_commands_total STOMP commands answered
            # TYPE parley_commands_total counter
            parley_commands_total{code="none",destination="private.send",outcome="accepted"} 3.0
            parley_commands_total{code="FORBIDDEN",destination="group.removeMember",outcome="rejected"} 1.0
            # TYPE parley_delivery_latency_seconds histogram
            parley_delivery_latency_seconds_bucket{kind="private",le="0.05"} 2
            parley_delivery_latency_seconds_bucket{kind="private",le="+Inf"} 3
            parley_delivery_latency_seconds_count{kind="private"} 3
            parley_delivery_latency_seconds_sum{kind="private"} 0.12
            # TYPE parley_delivery_latency_seconds_max gauge
            parley_delivery_latency_seconds_max{kind="private"} 0.09
            # TYPE parley_publisher_lag_events gauge
            parley_publisher_lag_events NaN
            """;

    @Test
    void knowsAFamilyByItsNameAndBySuffixedSampleNames() {
        PrometheusExposition exposition = PrometheusExposition.parse(TEXT);

        assertThat(exposition.has("parley_commands_total")).isTrue();
        assertThat(exposition.has("parley_delivery_latency_seconds")).isTrue();
        assertThat(exposition.has("parley_delivery_latency_seconds_bucket")).isTrue();
        assertThat(exposition.has("parley_delivery_latency_seconds_max")).isTrue();
        assertThat(exposition.has("parley_publisher_lag_events")).isTrue();
        assertThat(exposition.has("parley_delivery_lag_seconds_bucket")).as("another family").isFalse();
        assertThat(exposition.has("parley_publisher_lag")).as("a prefix is not a family").isFalse();
    }

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        PrometheusExposition exposition = PrometheusExposition.parse(TEXT);

        assertThat(exposition.sum("parley_commands_total", Map.of("outcome", "accepted"))).isEqualTo(3.0);
        assertThat(exposition.sum("parley_commands_total", Map.of("outcome", "rejected", "code", "FORBIDDEN"))).isEqualTo(1.0);
        assertThat(exposition.sum("parley_commands_total", Map.of())).isEqualTo(4.0);
        assertThat(exposition.samples("parley_publisher_lag_events").get(0).value()).isNaN();
    }
}
