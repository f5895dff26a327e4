package parley.command.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.command.DaemonThreads;

/**
 * {@code parley.publisher.lag.events} (Prometheus {@code parley_publisher_lag_events}): how many
 * events the store holds that the Kafka publisher has not published yet, as the store's head global
 * index minus the publisher's committed tracking position (the least advanced of its segments). Read
 * from the token table, not from the processor, so every node reports it, also the nodes whose
 * publisher does not hold the segment. Sampled in the background every
 * {@code parley.publisher.lag-sample-interval} so a scrape never waits on the database; NaN until the
 * publisher has stored a token, or while the database cannot be read.
 */
@Component
class PublisherLag {

    static final String METER = "parley.publisher.lag.events";
    private static final Logger log = LoggerFactory.getLogger(PublisherLag.class);

    private final EventStorageEngine store;
    private final JdbcClient jdbc;
    private final Serializer tokenSerializer;
    private final ScheduledExecutorService sampler = DaemonThreads.singleScheduler("publisher-lag");
    private volatile double lag = Double.NaN;

    /** The token serializer is Axon's general one, as for the token store ({@code EventStoreConfiguration}). */
    PublisherLag(EventStorageEngine store, JdbcClient jdbc, Serializer defaultSerializer, PublisherProperties properties,
            MeterRegistry meters, Flyway commandSideFlyway) {
        this.store = store;
        this.jdbc = jdbc;
        this.tokenSerializer = defaultSerializer;
        Gauge.builder(METER, this, publisherLag -> publisherLag.lag)
                .description("events in the store not yet published to Kafka (head global index minus the publisher's position)")
                .register(meters);
        long period = properties.lagSampleInterval().toMillis();
        sampler.scheduleWithFixedDelay(this::sample, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }

    void sample() {
        try {
            lag = measure();
        } catch (RuntimeException e) {
            lag = Double.NaN;
            log.debug("Could not measure the publisher's lag", e);
        }
    }

    double measure() {
        TrackingToken head = store.createHeadToken();
        long headIndex = head == null ? -1 : head.position().orElse(-1);
        List<Long> positions = jdbc.sql("SELECT token, tokentype FROM tokenentry WHERE processorname = ?")
                .param(KafkaEventPublisher.PROCESSING_GROUP)
                .query((row, number) -> position(row.getBytes("token"), row.getString("tokentype")))
                .list();
        if (positions.isEmpty()) {
            return Double.NaN;
        }
        long slowest = positions.stream().mapToLong(Long::longValue).min().orElseThrow();
        return Math.max(0, headIndex - slowest);
    }

    /** A segment without a token has published nothing: it is at -1, before the first index (0). */
    private long position(byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return -1;
        }
        TrackingToken tracking = tokenSerializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.orElse(-1);
    }
}
