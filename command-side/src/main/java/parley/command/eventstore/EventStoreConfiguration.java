package parley.command.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/** Axon's JDBC event storage on PostgreSQL, tuned for the gap behaviour of its global index. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventStoreProperties properties,
            Flyway commandSideFlyway) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .gapTimeout(Math.toIntExact(properties.gapTimeout().toMillis()))
                .gapCleaningThreshold(properties.gapCleaningThreshold())
                .build();
    }

    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
