package parley.bench.load;

/**
 * Closed loop: {@code concurrency} sends in flight, the next one leaves when a reply arrives (measures capacity).
 * Open loop: sends leave on a fixed schedule of {@code ratePerSecond} whatever the replies do, and latency counts
 * from the intended send time, so a stalled platform shows up in the percentiles (no coordinated omission).
 */
public record LoadMode(boolean openLoop, int concurrency, double ratePerSecond) {

    public static LoadMode closedLoop(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        return new LoadMode(false, concurrency, 0);
    }

    public static LoadMode openLoop(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        return new LoadMode(true, 0, ratePerSecond);
    }

    @Override
    public String toString() {
        return openLoop ? String.format("open loop %.0f msg/s", ratePerSecond) : "closed loop, " + concurrency + " in flight";
    }
}
