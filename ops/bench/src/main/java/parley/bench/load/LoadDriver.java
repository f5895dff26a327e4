package parley.bench.load;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the sends from one thread until {@code endNanos}, taking the routes (sender x chat) in turn so that
 * every sender and every chat carries the same share of the load.
 */
final class LoadDriver {

    private final LoadRun run;
    private final List<SendRoute> routes;

    LoadDriver(LoadRun run, List<SendRoute> routes) {
        this.run = run;
        this.routes = routes;
    }

    /**
     * Keeps {@code concurrency} sends in flight: the next leaves when a reply (or a timeout) settles one. A send
     * refused with OVERLOADED stays in flight and is retried after the server's retryAfterMs, as a client would.
     */
    void closedLoop(int concurrency, MeasuredWindow window, long endNanos) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        run.startMeasuring(window, inFlight::release);
        long next = 0;
        while (System.nanoTime() < endNanos) {
            if (inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                run.send(route(next++), System.nanoTime());
            }
        }
    }

    /**
     * Sends on a fixed schedule from {@code startNanos}. If the driver falls behind it sends at once, but each
     * send keeps its scheduled time as the start of its latency: a stall shows in the percentiles instead of
     * silently lowering the rate (coordinated omission). A send refused with OVERLOADED is retried after the
     * server's retryAfterMs as a client would, its latency still counted from its scheduled time.
     */
    void openLoop(double ratePerSecond, long startNanos, MeasuredWindow window, long endNanos) {
        run.startMeasuring(window, () -> { });
        double periodNanos = 1e9 / ratePerSecond;
        for (long k = 0; ; k++) {
            long intended = startNanos + (long) (k * periodNanos);
            if (intended >= endNanos) {
                return;
            }
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            run.send(route(k), intended);
        }
    }

    private SendRoute route(long k) {
        return routes.get((int) (k % routes.size()));
    }
}
