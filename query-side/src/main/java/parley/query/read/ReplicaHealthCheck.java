package parley.query.read;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes every replica on a fixed interval, on its own daemon thread (one slow replica delays the
 * next probe, never a read), and publishes {@code parley.query.replica.lag{replica}} in seconds
 * ({@code NaN} while a replica cannot be reached).
 */
final class ReplicaHealthCheck implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    ReplicaHealthCheck(List<Replica> replicas, Duration interval, MeterRegistry meters) {
        replicas.forEach(replica -> Gauge.builder("parley.query.replica.lag", replica, r -> r.health().lagSeconds())
                .tag("replica", replica.name())
                .baseUnit("seconds")
                .description("replay lag of the read replica")
                .register(meters));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-replica-check");
            thread.setDaemon(true);
            return thread;
        });
        if (!replicas.isEmpty()) {
            scheduler.scheduleWithFixedDelay(() -> replicas.forEach(Replica::probe), 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
