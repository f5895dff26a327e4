package parley.bench;

import org.HdrHistogram.Histogram;

/** One measured figure, as it goes into the results JSON and the rows of docs/benchmarks.md. */
public record Figure(String name, double value, String unit) {

    /** A percentile of a latency histogram recorded in microseconds, as milliseconds (0 when it is empty). */
    public static double millis(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    public static Figure percentileMs(String name, Histogram micros, double percentile) {
        return new Figure(name, millis(micros, percentile), "ms");
    }
}
