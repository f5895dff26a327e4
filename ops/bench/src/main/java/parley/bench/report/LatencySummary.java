package parley.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram as the results file keeps it: how many values, and a percentile table in milliseconds
 * ({@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code p99.99}, {@code max}); the full histogram is
 * plotted, not stored.
 */
public record LatencySummary(long count, double meanMs, Map<String, Double> percentilesMs) {

    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    public LatencySummary {
        percentilesMs = Collections.unmodifiableMap(new LinkedHashMap<>(percentilesMs));
    }

    /** @param micros a histogram of microseconds */
    public static LatencySummary of(Histogram micros) {
        Map<String, Double> table = new LinkedHashMap<>();
        boolean empty = micros.getTotalCount() == 0;
        for (double percentile : PERCENTILES) {
            table.put(label(percentile), empty ? 0 : micros.getValueAtPercentile(percentile) / 1000.0);
        }
        table.put("max", empty ? 0 : micros.getMaxValue() / 1000.0);
        return new LatencySummary(micros.getTotalCount(), empty ? 0 : micros.getMean() / 1000.0, table);
    }

    /** 50 becomes {@code p50}, 99.9 {@code p99.9}. */
    static String label(double percentile) {
        return "p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile));
    }
}
