package parley.projections.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import parley.api.cloudevents.ChatEventTypes;
import parley.projections.ProjectionProperties;

/**
 * How far the read tables are behind the chat-events topic, for the projections' consumer group:
 * <ul>
 * <li>{@code parley.projection.lag.events{group}} (Prometheus {@code parley_projection_lag_events}):
 *     records on the topic after the group's committed offsets, summed over partitions (a partition
 *     the group never committed counts from its first record);</li>
 * <li>{@code parley.projection.lag.seconds{group}} ({@code parley_projection_lag_seconds}): while
 *     records are behind, the age of the newest event this node applied; 0 when caught up.</li>
 * </ul>
 * Measured from the broker (committed offsets against the log end), not from the consumer's own
 * fetch metrics, so a consumer that is stuck in a batch or not polling at all still shows its lag
 * growing. Sampled in the background every {@code parley.projections.lag-sample-interval}; NaN while
 * the broker cannot be asked, and the seconds are NaN while behind before this node applied anything.
 */
@Component
class ProjectionLag {

    static final String EVENTS_METER = "parley.projection.lag.events";
    static final String SECONDS_METER = "parley.projection.lag.seconds";
    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaAdmin kafkaAdmin;
    private final String groupId;
    private final Clock clock;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-lag");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Instant> newestApplied = new AtomicReference<>();
    private volatile Admin admin;
    private volatile double eventsBehind = Double.NaN;

    @Autowired
    ProjectionLag(KafkaAdmin kafkaAdmin, ProjectionProperties properties, MeterRegistry meters) {
        this(kafkaAdmin, properties, meters, Clock.systemUTC());
    }

    ProjectionLag(KafkaAdmin kafkaAdmin, ProjectionProperties properties, MeterRegistry meters, Clock clock) {
        this.kafkaAdmin = kafkaAdmin;
        this.groupId = properties.groupId();
        this.clock = clock;
        Gauge.builder(EVENTS_METER, this, lag -> lag.eventsBehind).tag("group", groupId)
                .description("chat-events records after the projections group's committed offsets").register(meters);
        Gauge.builder(SECONDS_METER, this, ProjectionLag::secondsBehind).tag("group", groupId)
                .description("while behind, the age of the newest event applied to the read tables; 0 when caught up")
                .register(meters);
        long period = properties.lagSampleInterval().toMillis();
        sampler.scheduleWithFixedDelay(this::sample, period, period, TimeUnit.MILLISECONDS);
    }

    /** The read tables committed events up to this timestamp (the newest in a batch). */
    void applied(Instant eventTime) {
        if (eventTime != null) {
            newestApplied.accumulateAndGet(eventTime, (current, next) -> current == null || next.isAfter(current) ? next : current);
        }
    }

    double secondsBehind() {
        double behind = eventsBehind;
        if (Double.isNaN(behind)) {
            return Double.NaN;
        }
        if (behind <= 0) {
            return 0;
        }
        Instant newest = newestApplied.get();
        return newest == null ? Double.NaN : Math.max(0, Duration.between(newest, clock.instant()).toMillis() / 1000.0);
    }

    void sample() {
        try {
            eventsBehind = measure();
        } catch (Exception e) {
            eventsBehind = Double.NaN;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("Could not measure the projections' lag", e);
        }
    }

    long measure() throws InterruptedException, ExecutionException, TimeoutException {
        Admin client = admin();
        List<TopicPartition> partitions = client.describeTopics(List.of(ChatEventTypes.TOPIC)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(ChatEventTypes.TOPIC).partitions().stream()
                .map(partition -> new TopicPartition(ChatEventTypes.TOPIC, partition.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = offsets(client, partitions, OffsetSpec.latest());
        List<TopicPartition> neverCommitted = partitions.stream().filter(partition -> committed.get(partition) == null).toList();
        Map<TopicPartition, Long> starts = neverCommitted.isEmpty() ? Map.of() : offsets(client, neverCommitted, OffsetSpec.earliest());
        long behind = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata position = committed.get(partition);
            long from = position != null ? position.offset() : starts.get(partition);
            behind += Math.max(0, ends.get(partition) - from);
        }
        return behind;
    }

    private static Map<TopicPartition, Long> offsets(Admin client, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, ListOffsetsResultInfo> offsets = client
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec)))
                .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            client = Admin.create(kafkaAdmin.getConfigurationProperties());
            admin = client;
        }
        return client;
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
        Admin client = admin;
        if (client != null) {
            client.close(Duration.ofSeconds(1));
        }
    }
}
