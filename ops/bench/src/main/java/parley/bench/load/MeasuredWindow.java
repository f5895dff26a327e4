package parley.bench.load;

/**
 * The measured part of a run, on the {@link System#nanoTime()} clock: after the warm-up, before the end of
 * sending. A send belongs to it by its intended send time; an acknowledgement or delivery counts towards
 * throughput by the time it arrived.
 */
record MeasuredWindow(long startNanos, long endNanos) {

    boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
