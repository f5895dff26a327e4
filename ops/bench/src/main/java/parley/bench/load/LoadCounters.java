package parley.bench.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What a run counts and times; written from many reader threads at once. Latencies in microseconds. */
final class LoadCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder ackedInWindow = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder deliveredInWindow = new LongAdder();
    /** Rejected, other than OVERLOADED. */
    final LongAdder rejected = new LongAdder();
    /** Every OVERLOADED reply, retried or not: how often the node pushed back. */
    final LongAdder overloaded = new LongAdder();
    /** Sends that ended refused with OVERLOADED: every one in open loop, those out of retries in closed loop. */
    final LongAdder overloadedGivenUp = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder receiptsSent = new LongAdder();
    final LongAdder receiptsRejected = new LongAdder();
    final LongAdder sessionsLost = new LongAdder();
    final Histogram sendAck = histogram();
    final Histogram sendDelivered = histogram();

    long errors() {
        return rejected.sum() + overloadedGivenUp.sum() + failed.sum() + timedOut.sum();
    }

    static void record(Histogram histogram, long fromNanos, long toNanos) {
        histogram.recordValue(Math.max(0, (toNanos - fromNanos) / 1000));
    }

    private static Histogram histogram() {
        // auto-resizing, 3 significant digits: microseconds up to minutes without choosing a bound
        return new ConcurrentHistogram(3);
    }
}
