package parley.bench.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import parley.bench.ScenarioResult;

/**
 * A latency-percentile plot as HdrHistogram draws them: percentile on the x-axis, spread logarithmically by
 * {@code 1/(1-p)} so that the tail (99%, 99.9%, 99.99%...) gets as much room as the median, and latency in
 * milliseconds on a linear y-axis; one line per histogram of a scenario. Plain SVG built as text: a handful of
 * elements do not need a library.
 */
public final class LatencyPlot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    /** The x-axis ends at 99.9999%: no run here has the millions of samples beyond it. */
    private static final double MAX_DECADES = 6;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private LatencyPlot() {
    }

    /** Writes {@code <scenario>-latency.svg} into {@code directory}; returns the file. */
    public static Path write(Path directory, ScenarioResult result) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(result.scenario() + "-latency.svg");
        Files.writeString(file, svg(result.scenario() + ": latency by percentile", result.latencies()));
        return file;
    }

    /** @param latencies histograms in microseconds, plotted in the map's order */
    public static String svg(String title, Map<String, Histogram> latencies) {
        List<Series> series = new ArrayList<>();
        latencies.forEach((name, histogram) -> series.add(Series.of(name, histogram)));
        double decades = Math.max(2, Math.min(MAX_DECADES, Math.ceil(series.stream().mapToDouble(Series::maxX).max().orElse(2))));
        double maxMs = niceCeiling(series.stream().mapToDouble(Series::maxMs).max().orElse(1));
        Frame frame = new Frame(decades, maxMs);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(text(WIDTH / 2.0, 22, "middle", "14", title));
        axes(svg, frame);
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            svg.append(series.get(i).polyline(frame, colour));
            double y = TOP + 16 + i * 18;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    LEFT + 12, y - 4, LEFT + 36, y - 4, colour));
            svg.append(text(LEFT + 42, y, "start", "12", series.get(i).legend()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, Frame frame) {
        double bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<g stroke=\"#999\" stroke-width=\"1\">%n"));
        for (int decade = 0; decade <= frame.decades; decade++) {
            double x = frame.x(decade);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", x, TOP, x, bottom));
        }
        for (int tick = 0; tick <= 5; tick++) {
            double y = frame.y(frame.maxMs * tick / 5);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, y, WIDTH - RIGHT, y));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\"/>%n", LEFT, TOP, LEFT, bottom));
        svg.append("</g>\n");
        for (int decade = 0; decade <= frame.decades; decade++) {
            svg.append(text(frame.x(decade), bottom + 18, "middle", "12", percentileLabel(decade)));
        }
        for (int tick = 0; tick <= 5; tick++) {
            double value = frame.maxMs * tick / 5;
            svg.append(text(LEFT - 8, frame.y(value) + 4, "end", "12", String.format(Locale.ROOT, "%s", trim(value))));
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 16, "middle", "13", "percentile"));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" "
                + "transform=\"rotate(-90 18 %.1f)\">latency (ms)</text>%n", (TOP + bottom) / 2, (TOP + bottom) / 2));
    }

    /** Decade d of the x-axis is the percentile 100 x (1 - 10^-d): 0%, 90%, 99%, 99.9%... */
    static String percentileLabel(int decade) {
        return BigDecimal.valueOf(100).subtract(BigDecimal.ONE.movePointLeft(decade - 2)).stripTrailingZeros().toPlainString() + "%";
    }

    /** x = log10(1 / (1 - p)), p the fraction below; the 100th percentile is put at the end of the axis. */
    static double decadesOf(double percentile, double cap) {
        double fraction = percentile / 100.0;
        if (fraction >= 1) {
            return cap;
        }
        return Math.min(cap, Math.log10(1 / (1 - fraction)));
    }

    private static String text(double x, double y, String anchor, String size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\">%s</text>%n", x, y,
                anchor, size, escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: round numbers on the y-axis. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private record Frame(double decades, double maxMs) {
        double x(double decadesIn) {
            return LEFT + (WIDTH - LEFT - RIGHT) * decadesIn / decades;
        }

        double y(double ms) {
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * ms / maxMs;
        }
    }

    /** One histogram's curve: (x in decades, y in ms) points, 5 per halving of the remaining tail. */
    private record Series(String name, long count, double[] xs, double[] ms) {

        static Series of(String name, Histogram micros) {
            List<double[]> points = new ArrayList<>();
            if (micros.getTotalCount() > 0) {
                for (HistogramIterationValue value : micros.percentiles(5)) {
                    points.add(new double[] {decadesOf(value.getPercentileLevelIteratedTo(), MAX_DECADES),
                            micros.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0});
                }
            }
            double[] xs = points.stream().mapToDouble(point -> point[0]).toArray();
            double[] ms = points.stream().mapToDouble(point -> point[1]).toArray();
            return new Series(name, micros.getTotalCount(), xs, ms);
        }

        double maxX() {
            // the last point is the 100th percentile, pinned to the cap: the axis follows the last real one
            return xs.length < 2 ? 2 : xs[xs.length - 2];
        }

        double maxMs() {
            double max = 0;
            for (double value : ms) {
                max = Math.max(max, value);
            }
            return max;
        }

        String legend() {
            return name + " (" + count + " values)";
        }

        String polyline(Frame frame, String colour) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                if (i > 0) {
                    points.append(' ');
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f", frame.x(Math.min(xs[i], frame.decades)), frame.y(ms[i])));
            }
            return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\">"
                    + "<title>%s</title></polyline>%n", colour, points, escape(name));
        }
    }
}
