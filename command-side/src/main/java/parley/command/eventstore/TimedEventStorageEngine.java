package parley.command.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine with its appends timed in {@code parley.eventstore.append} (Prometheus
 * {@code parley_eventstore_append_seconds}): serialising a unit of work's events and inserting them,
 * inside the command's transaction. The commit that follows is in
 * {@code parley_command_handling_seconds}. Only the one method is overridden, so every read keeps the
 * engine's own behaviour.
 */
class TimedEventStorageEngine extends JdbcEventStorageEngine {

    static final String METER = "parley.eventstore.append";

    private final Timer appends;

    TimedEventStorageEngine(JdbcEventStorageEngine.Builder builder, MeterRegistry meters) {
        super(builder);
        this.appends = Timer.builder(METER).description("serialising and inserting a unit of work's events")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250))
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        appends.record(() -> super.appendEvents(events, serializer));
    }
}
