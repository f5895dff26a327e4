package parley.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTest {

    private static final String EXPOSITION = """
            # HELP parley_push_skipped_total chat events not pushed live (they are in history)
            # TYPE parley_push_skipped_total counter
            parley_push_skipped_total{application="parley",reason="duplicate"} 12.0
            parley_push_skipped_total{application="parley",reason="failed"} 3.0
            parley_publisher_republish_skipped_total{application="parley"} 7.0
            parley_overload_rejected_total 2.0
            parley_publisher_lag_events NaN
            """;

    @Test
    void sumsTheSeriesOfOneNameWhoseLabelsMatch() {
        assertThat(Prometheus.sum(EXPOSITION, "parley_push_skipped_total", "reason=\"duplicate\"")).isEqualTo(12.0);
        assertThat(Prometheus.sum(EXPOSITION, "parley_push_skipped_total", "")).isEqualTo(15.0);
        assertThat(Prometheus.sum(EXPOSITION, "parley_overload_rejected_total", "")).isEqualTo(2.0);
        assertThat(Prometheus.sum(EXPOSITION, "parley_publisher_lag_events", "")).as("NaN is not a count").isEqualTo(0.0);
        assertThat(Prometheus.sum(EXPOSITION, "parley_absent_total", "")).isEqualTo(0.0);
    }

    @Test
    void tellsAnAbsentSeriesFromAZeroOne() {
        assertThat(Prometheus.has(EXPOSITION, "parley_overload_rejected_total")).isTrue();
        assertThat(Prometheus.has(EXPOSITION, "parley_push_skipped_total")).isTrue();
        assertThat(Prometheus.has(EXPOSITION, "parley_absent_total")).isFalse();
        assertThat(Prometheus.has(EXPOSITION, "parley_overload")).as("a prefix is not the name").isFalse();
    }
}
