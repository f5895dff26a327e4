package parley.bench.soak;

import org.HdrHistogram.Histogram;
import parley.bench.load.LoadSnapshot;

/**
 * One window of the soak: what the load did in it (rates, latencies of the sends it settled) and the platform's
 * figures at its end.
 *
 * @param index 1 for the first window
 * @param offeredPerSecond sends that left on the open loop's schedule
 * @param errors sends given up (rejected, OVERLOADED out of retries, failed, timed out)
 * @param overloaded OVERLOADED replies (each resent after retryAfterMs)
 * @param loadAverage the machine's 1-minute load average at the window's end (how shared it was)
 */
record SoakWindow(int index, double seconds, double offeredPerSecond, double ackedPerSecond, double deliveredP50Ms,
        double deliveredP99Ms, double ackP99Ms, long errors, long overloaded, long sessionsLost, double loadAverage,
        PlatformSample platform) {

    static SoakWindow of(int index, LoadSnapshot window, double loadAverage, PlatformSample platform) {
        double seconds = window.nanos() / 1e9;
        return new SoakWindow(index, seconds, window.sent() / seconds, window.acked() / seconds,
                percentileMs(window.sendDelivered(), 50), percentileMs(window.sendDelivered(), 99),
                percentileMs(window.sendAck(), 99), window.errors(), window.overloaded(), window.sessionsLost(), loadAverage, platform);
    }

    private static double percentileMs(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
