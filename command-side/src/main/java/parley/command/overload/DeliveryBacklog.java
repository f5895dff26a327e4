package parley.command.overload;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The messages this node acknowledged that its own live push has not seen yet: how far delivery
 * lags behind acks on this node. Every node's push consumer reads the whole stream, so a node's own
 * sends measure its whole delivery path (event store, publisher, Kafka, push) without any clock
 * shared between nodes.
 *
 * <p>Tracking starts only once live push holds its partitions at resolved positions
 * ({@link #startTracking()}): it starts at the latest offset, so a message acknowledged earlier might
 * never be read and would only be waited for until the horizon.
 */
@Component
public class DeliveryBacklog {

    static final String LAG = "parley.delivery.lag";
    static final String OLDEST = "parley.delivery.backlog.oldest.seconds";
    static final String SIZE = "parley.delivery.backlog.size";
    static final String UNTRACKED = "parley.delivery.backlog.untracked";

    private final boolean enabled;
    private final long horizonNanos;
    private final LongSupplier nanoTime;
    /** Acknowledged, not yet pushed: messageId → ack time (nanoTime). */
    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    /** The same ids in ack order; heads already reached are dropped lazily by {@link #oldestPending()}. */
    private final Queue<UUID> order = new ConcurrentLinkedQueue<>();
    /**
     * Pushed before their ack was registered (the publisher can beat the reply): bounded and expiring,
     * as it also holds every other node's messages, which are never acknowledged here.
     */
    private final Cache<UUID, Boolean> reachedEarly;
    private final Timer lag;
    private final Counter untracked;
    private volatile boolean tracking;

    @Autowired
    DeliveryBacklog(OverloadProperties properties, MeterRegistry meters) {
        this(properties, meters, System::nanoTime);
    }

    DeliveryBacklog(OverloadProperties properties, MeterRegistry meters, LongSupplier nanoTime) {
        this.enabled = properties.enabled();
        this.horizonNanos = properties.trackHorizon().toNanos();
        this.nanoTime = nanoTime;
        this.reachedEarly = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1))
                .ticker(nanoTime::getAsLong).build();
        this.lag = Timer.builder(LAG).description("from a send's ack to its event reaching this node's live push")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
        this.untracked = Counter.builder(UNTRACKED)
                .description("acknowledged messages live push had not seen by the track horizon, no longer waited for")
                .register(meters);
        Gauge.builder(OLDEST, this, backlog -> backlog.oldestPending().toNanos() / 1e9)
                .description("how long the oldest acknowledged, not yet pushed message has waited").register(meters);
        Gauge.builder(SIZE, pending, Map::size).description("acknowledged messages not yet pushed").register(meters);
    }

    /** Live push holds its partitions at resolved positions: every message acknowledged from now on will be read. */
    public void startTracking() {
        tracking = enabled;
    }

    /** This node acknowledged a new message (not a retry's repeated answer). */
    public void accepted(UUID messageId) {
        if (!tracking) {
            return;
        }
        pending.put(messageId, nanoTime.getAsLong());
        order.add(messageId);
        // Checked after the put: a push between the two sees the entry, one before it left its mark here.
        if (reachedEarly.asMap().remove(messageId) != null) {
            pending.remove(messageId);
        }
    }

    /** Live push on this node has read the message's event. */
    public void reached(UUID messageId) {
        Long acknowledgedAt = pending.remove(messageId);
        if (acknowledgedAt != null) {
            lag.record(nanoTime.getAsLong() - acknowledgedAt, TimeUnit.NANOSECONDS);
        } else {
            reachedEarly.put(messageId, Boolean.TRUE);
        }
    }

    /**
     * How long the oldest message still waiting has waited (zero if none). Synchronized so that only
     * one caller pops heads; usually the head is still pending and this is a couple of map reads.
     */
    public synchronized Duration oldestPending() {
        long now = nanoTime.getAsLong();
        for (UUID head = order.peek(); head != null; head = order.peek()) {
            Long acknowledgedAt = pending.get(head);
            if (acknowledgedAt == null) {
                order.poll(); // reached
            } else if (now - acknowledgedAt > horizonNanos) {
                order.poll();
                if (pending.remove(head, acknowledgedAt)) {
                    untracked.increment();
                }
            } else {
                return Duration.ofNanos(now - acknowledgedAt);
            }
        }
        return Duration.ZERO;
    }

    /** Acknowledged messages not yet pushed. */
    public int size() {
        return pending.size();
    }
}
