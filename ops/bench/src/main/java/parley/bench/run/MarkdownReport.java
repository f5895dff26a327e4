package parley.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.ScenarioResult;

/**
 * A run as a section of docs/benchmarks.md: when, on what, which commit, every figure, each Parley
 * throughput as a ratio to its baseline, the targets, and links to the plots. Newest run first,
 * below the marker line; the text above the marker is the document's own.
 */
final class MarkdownReport {

    static final String MARKER = "<!-- bench runs: newest first (written by ops/bench/run-all) -->";

    private MarkdownReport() {
    }

    record Header(String title, String machine, String commit, String size) {
    }

    static String section(Header header, RunResults run, List<Ratios.Ratio> ratios, List<Targets.Verdict> verdicts,
            Map<String, String> plots) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(header.title()).append("\n\n");
        md.append("- Machine: ").append(header.machine()).append('\n');
        md.append("- Commit: `").append(header.commit()).append("`, size: ").append(header.size()).append('\n');
        md.append(String.format(Locale.ROOT, "- Delivery check: %d lost, %d duplicated, %d command errors%n%n", run.lost(),
                run.duplicated(), run.errors()));
        md.append("| Scenario | What ran | Figures |\n|---|---|---|\n");
        for (ScenarioResult result : run.all()) {
            md.append("| ").append(result.scenario()).append(" | ").append(escape(result.description())).append(" | ")
                    .append(figures(result.figures())).append(" |\n");
        }
        if (!ratios.isEmpty()) {
            md.append("\n| Parley | | Baseline (same run) | | Ratio |\n|---|---:|---|---:|---:|\n");
            for (Ratios.Ratio ratio : ratios) {
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.0f | %.3f |%n", ratio.parley(), ratio.value(),
                        ratio.baseline(), ratio.baselineValue(), ratio.ratio()));
            }
        }
        if (!verdicts.isEmpty()) {
            md.append("\n| Target | Measured | Met |\n|---|---|---|\n");
            for (Targets.Verdict verdict : verdicts) {
                md.append("| ").append(verdict.target()).append(" | ").append(verdict.measured()).append(" | ")
                        .append(verdict.met() ? "yes" : "**no**").append(" |\n");
            }
        }
        if (!plots.isEmpty()) {
            md.append("\nLatency plots: ");
            md.append(String.join(", ", plots.entrySet().stream()
                    .map(plot -> "[" + plot.getKey() + "](" + plot.getValue() + ")").toList()));
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** Puts {@code section} first below the marker, creating the file with a short head if needed. */
    static void insert(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file)
                : "# Benchmarks\n\nWritten by `ops/bench/run-all`; see ops/bench/README.md.\n\n## Runs\n\n" + MARKER + "\n";
        int marker = text.indexOf(MARKER);
        if (marker < 0) {
            text = text + "\n## Runs\n\n" + MARKER + "\n";
            marker = text.indexOf(MARKER);
        }
        int after = marker + MARKER.length() + 1;
        Files.writeString(file, text.substring(0, Math.min(after, text.length())) + "\n" + section + text.substring(Math.min(after, text.length())));
    }

    private static String figures(List<Figure> figures) {
        return String.join(", ", figures.stream().map(MarkdownReport::figure).toList());
    }

    private static String figure(Figure figure) {
        double value = figure.value();
        String number = value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%.0f", value)
                : Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
        return figure.name() + " " + number + (figure.unit().isEmpty() || figure.unit().equals("1/s") ? "" : " " + figure.unit());
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
