package parley.command.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import parley.api.EventJson;

/** Axon's JDBC event storage on PostgreSQL, tuned for the gap behaviour of its global index. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /**
     * Event payloads are stored in the form {@link EventJson} defines, shared with the golden-sample
     * test, instead of Axon's default of whichever ObjectMapper bean the context holds (the web
     * layer's, whose settings serve HTTP, not the store's released format).
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return EventJson.serializer();
    }

    /**
     * Duplicate (aggregate, sequence) keys are recognised by SQL state 23xxx (integrity violation),
     * which PostgreSQL reports also inside batch failures, so a concurrent append surfaces as
     * Axon's retryable {@code ConcurrencyException}. Appends are timed ({@link TimedEventStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventStoreProperties properties,
            Flyway commandSideFlyway,
            MeterRegistry meters) {
        return new TimedEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                // The one chain every reader of the store uses (analyst tools too): aggregates, the
                // Kafka publisher and replays see each event in its current revision.
                .upcasterChain(EventJson.upcasters())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new SQLStateResolver())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .gapTimeout(Math.toIntExact(properties.gapTimeout().toMillis()))
                .gapCleaningThreshold(properties.gapCleaningThreshold()), meters);
    }

    /**
     * Axon's store as its auto-configuration builds it, but with a short fetch delay. A stream that
     * found nothing new waits this long before it asks the database again; an append on this node
     * wakes it at once, an append on another node does not. With Axon's default of a second, a
     * message sent through one node waited up to a second for the publishing node to see it.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration, EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis())
                .build();
    }

    /**
     * Token claims name their owner; Axon's default owner is {@code pid@host}, which two contexts in
     * one JVM (or two containers that both run as pid 1 on reused host names) share, and then both
     * process the same segment. A random suffix makes every node's claims its own.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer defaultSerializer, Flyway commandSideFlyway) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(defaultSerializer)
                .schema(new TokenSchema())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                .build();
    }

    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
