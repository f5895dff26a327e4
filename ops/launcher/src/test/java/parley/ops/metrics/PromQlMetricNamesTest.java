package parley.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape test's reading of dashboards and rules: metric names only, never functions, labels or keywords. */
class PromQlMetricNamesTest {

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQlMetricNames.identifiers(
                "histogram_quantile(0.99, sum by (le, kind) (rate(parley_delivery_latency_seconds_bucket{kind=~\"private|group\"}[$__rate_interval])))"))
                .containsExactly("parley_delivery_latency_seconds_bucket");
        assertThat(PromQlMetricNames.identifiers(
                "sum without (instance) (rate(parley_commands_total{outcome=\"rejected\"}[5m] offset 1h)) / ignoring(code) "
                        + "sum(rate(parley_commands_total[5m])) > 0.1 and on(job) up == 1"))
                .containsExactly("parley_commands_total");
        assertThat(PromQlMetricNames.identifiers("parley_publisher_lag_events > 1e3 unless max_over_time(jvm_memory_used_bytes[10m:1m]) < 5"))
                .containsExactly("jvm_memory_used_bytes", "parley_publisher_lag_events");
        assertThat(PromQlMetricNames.identifiers("hikaricp_connections_pending")).containsExactly("hikaricp_connections_pending");
    }

    @Test
    void readsDashboardsAndRulesButNotTheNamesRulesRecord(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("overview.json"),
                "{\"panels\":[{\"targets\":[{\"expr\":\"sum(rate(http_server_requests_seconds_count[1m]))\",\"legendFormat\":\"{{uri}}\"}]}]}");
        Files.createDirectories(directory.resolve("rules"));
        Files.writeString(directory.resolve("rules/parley.yml"), """
                groups:
                  - name: parley
                    rules:
                      - record: job:parley_commands:rate5m
                        expr: sum by (job) (rate(parley_commands_total[5m]))
                      - alert: CommandsFailing
                        expr: job:parley_commands:rate5m > 3
                """);

        assertThat(PromQlMetricNames.in(directory)).containsOnlyKeys("http_server_requests_seconds_count", "parley_commands_total");
        assertThat(PromQlMetricNames.in(directory.resolve("absent"))).isEmpty();
    }
}
