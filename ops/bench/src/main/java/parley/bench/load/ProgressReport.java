package parley.bench.load;

import parley.bench.Progress;

/** The once-a-second terminal line: totals so far and the rates since the previous line. */
final class ProgressReport {

    private final String name;
    private final LoadCounters counters;
    private final Progress progress;
    private long lastNanos = System.nanoTime();
    private long lastAcked;
    private long lastDelivered;

    ProgressReport(String name, LoadCounters counters, Progress progress) {
        this.name = name;
        this.counters = counters;
        this.progress = progress;
    }

    synchronized void tick() {
        long now = System.nanoTime();
        long acked = counters.acked.sum();
        long delivered = counters.delivered.sum();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        progress.line("%s: sent %d, acked %d, delivered %d, errors %d | %.0f acked/s, %.0f deliveries/s", name,
                counters.sent.sum(), acked, delivered, counters.errors(), (acked - lastAcked) / seconds,
                (delivered - lastDelivered) / seconds);
        lastNanos = now;
        lastAcked = acked;
        lastDelivered = delivered;
    }
}
