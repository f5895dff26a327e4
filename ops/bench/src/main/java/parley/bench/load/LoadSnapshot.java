package parley.bench.load;

import org.HdrHistogram.Histogram;

/**
 * A running load's totals at one instant (counters since the load started, latency histograms in microseconds): a
 * harness that measures in windows of its own (the soak) takes one at each window's edge and looks at the difference.
 *
 * @param sent sends that left on schedule (an OVERLOADED resend is not a new send)
 * @param errors sends given up: rejected, OVERLOADED out of retries, failed, timed out
 * @param overloaded every OVERLOADED reply (resent or not)
 */
public record LoadSnapshot(long nanos, long sent, long acked, long delivered, long errors, long overloaded, long sessionsLost,
        Histogram sendAck, Histogram sendDelivered) {

    static LoadSnapshot of(LoadCounters counters) {
        return new LoadSnapshot(System.nanoTime(), counters.sent.sum(), counters.acked.sum(), counters.delivered.sum(),
                counters.errors(), counters.overloaded.sum(), counters.sessionsLost.sum(), counters.sendAck.copy(),
                counters.sendDelivered.copy());
    }

    /** What happened between {@code earlier} and this snapshot. */
    public LoadSnapshot since(LoadSnapshot earlier) {
        return new LoadSnapshot(nanos - earlier.nanos, sent - earlier.sent, acked - earlier.acked, delivered - earlier.delivered,
                errors - earlier.errors, overloaded - earlier.overloaded, sessionsLost - earlier.sessionsLost,
                minus(sendAck, earlier.sendAck), minus(sendDelivered, earlier.sendDelivered));
    }

    private static Histogram minus(Histogram later, Histogram earlier) {
        Histogram difference = later.copy();
        difference.subtract(earlier);
        return difference;
    }
}
