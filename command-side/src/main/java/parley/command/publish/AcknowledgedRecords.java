package parley.command.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The events whose record Kafka has acknowledged, by event id, so that a batch published again sends only
 * what Kafka has not stored yet (ADR 0021).
 *
 * <p>A batch is retried whole when its acknowledgements did not all come within the acknowledgement
 * timeout. On a CPU-starved node they often come a moment later: the records are stored, and sending
 * the whole batch again would put a second copy of each into the topic (which every consumer must then
 * absorb) and, as the retry is just as slow, time out again, with the processor's back-off growing to a
 * minute. Skipping what is known to be stored makes every retry progress. It is a per-node memory: a
 * record acknowledged to another node, or before a restart, may still be published twice, which the
 * consumers absorb (they are idempotent); this only keeps the common case from repeating.
 */
@Component
class AcknowledgedRecords {

    static final String SKIPPED = "parley.publisher.republish.skipped";

    private final Cache<String, Boolean> acknowledged;
    private final Counter skipped;

    AcknowledgedRecords(PublisherProperties properties, MeterRegistry meters) {
        this.acknowledged = Caffeine.newBuilder().maximumSize(properties.acknowledgedIdsKept())
                .expireAfterWrite(Duration.ofHours(1)).build();
        this.skipped = Counter.builder(SKIPPED)
                .description("records of a retried batch not sent again because Kafka had acknowledged them")
                .register(meters);
    }

    void acknowledged(String eventId) {
        acknowledged.put(eventId, Boolean.TRUE);
    }

    /** @return true (and counts it) if Kafka acknowledged this event's record already */
    boolean alreadyStored(String eventId) {
        if (acknowledged.getIfPresent(eventId) == null) {
            return false;
        }
        skipped.increment();
        return true;
    }
}
