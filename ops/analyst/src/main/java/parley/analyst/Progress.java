package parley.analyst;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar on standard error for every long run (events done, events/s, time left),
 * redrawn at most a few times a second, and the summary line at the end. Standard output stays the
 * command's own (a table, a CSV), so piping it is safe.
 */
public final class Progress {

    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long lastDrawn;

    public Progress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(total, 0);
        PeakHeap.watch();
    }

    public static Progress onStandardError(String label, long total) {
        return new Progress(System.err, label, total);
    }

    public void advance(long events) {
        done += events;
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            out.print("\r" + line(now));
            out.flush();
        }
    }

    public long done() {
        return done;
    }

    public double eventsPerSecond() {
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
        return done / seconds;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Ends the bar with a summary: events, time, events/s and the peak heap the JVM saw. */
    public String finish() {
        String summary = String.format("%s: %,d events in %.1f s (%,.0f events/s, peak heap %d MiB)", label, done,
                elapsed().toMillis() / 1000.0, eventsPerSecond(), PeakHeap.mebibytes());
        out.print("\r" + " ".repeat(100) + "\r");
        out.println(summary);
        out.flush();
        return summary;
    }

    String line(long now) {
        double rate = eventsPerSecond();
        String bar;
        String left;
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            bar = "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + String.format("%3.0f%%", fraction * 100);
            left = rate > 0 ? formatSeconds((total - Math.min(done, total)) / rate) : "?";
        } else {
            bar = "";
            left = "?";
        }
        return String.format("%s %s %,d events, %,.0f/s, %s left", label, bar, done, rate, left);
    }

    private static String formatSeconds(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 60 ? String.format("%dm%02ds", whole / 60, whole % 60) : whole + "s";
    }
}
