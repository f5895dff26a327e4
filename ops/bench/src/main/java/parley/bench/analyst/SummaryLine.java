package parley.bench.analyst;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary an analyst command prints at the end of a long run ({@code parley.analyst.Progress}):
 * {@code "export jsonl: 1,000,000 events in 4.2 s (238,095 events/s, peak heap 180 MiB)"}.
 */
record SummaryLine(String label, long events, double seconds, double eventsPerSecond, long peakHeapMib) {

    private static final Pattern LINE = Pattern.compile(
            "([^\\r\\n]+?): ([\\d,]+) events in ([\\d.]+) s \\(([\\d,]+) events/s, peak heap (\\d+) MiB\\)");

    /** The first summary in {@code output} whose label starts with {@code labelPrefix}. */
    static Optional<SummaryLine> find(String output, String labelPrefix) {
        Matcher matcher = LINE.matcher(output);
        while (matcher.find()) {
            String label = matcher.group(1).trim();
            if (label.startsWith(labelPrefix)) {
                return Optional.of(new SummaryLine(label, number(matcher.group(2)), Double.parseDouble(matcher.group(3)),
                        number(matcher.group(4)), Long.parseLong(matcher.group(5))));
            }
        }
        return Optional.empty();
    }

    static SummaryLine require(String output, String labelPrefix, Object log) {
        return find(output, labelPrefix).orElseThrow(() -> new IllegalStateException(
                "no summary line '" + labelPrefix + ": N events in ...' in " + log));
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
