package parley.analyst.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import parley.api.EventJson;

/**
 * Writes rows into Axon's {@code domainevententry} as its JDBC engine does: the command side's table
 * (db/command/V1, created here if missing), payload and metadata through {@link EventJson#serializer()}, time as Axon formats
 * it. Appends are batched; {@link #flush} sends what is pending.
 */
public final class StoredEvents implements AutoCloseable {

    private static final Serializer SERIALIZER = EventJson.serializer();
    private static final byte[] NO_METADATA = SERIALIZER.serialize(MetaData.emptyInstance(), byte[].class).getData();

    private final PreparedStatement insert;
    private int pending;

    public StoredEvents(Connection connection) throws SQLException {
        createTable(connection);
        insert = connection.prepareStatement("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
    }

    /** Axon's event table as the command side's V1 migration creates it, if it is not there yet. */
    public static void createTable(Connection connection) throws SQLException {
        try (PreparedStatement sequence = connection.prepareStatement("CREATE SEQUENCE IF NOT EXISTS domain_event_global_index_seq INCREMENT BY 1 CACHE 1")) {
            sequence.execute();
        }
        try (PreparedStatement table = connection.prepareStatement("""
                    CREATE TABLE IF NOT EXISTS domainevententry (
                        globalindex         BIGINT       NOT NULL DEFAULT nextval('domain_event_global_index_seq') PRIMARY KEY,
                        eventidentifier     VARCHAR(255) NOT NULL UNIQUE,
                        aggregateidentifier VARCHAR(255) NOT NULL,
                        sequencenumber      BIGINT       NOT NULL,
                        type                VARCHAR(255),
                        timestamp           VARCHAR(255) NOT NULL,
                        payloadtype         VARCHAR(255) NOT NULL,
                        payloadrevision     VARCHAR(255),
                        payload             BYTEA        NOT NULL,
                        metadata            BYTEA,
                        CONSTRAINT domain_event_aggregate_sequence UNIQUE (aggregateidentifier, sequencenumber)
                    )""")) {
            table.execute();
        }
    }

    /** Appends one event of aggregate {@code aggregateId} at {@code sequence}; ids come from the caller's order. */
    public StoredEvents append(String aggregateType, String aggregateId, long sequence, Instant time, Object payload) throws SQLException {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(payload, byte[].class);
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregateId);
        insert.setLong(3, sequence);
        insert.setString(4, aggregateType);
        insert.setString(5, DateTimeUtils.formatInstant(time));
        insert.setString(6, serialized.getType().getName());
        insert.setString(7, serialized.getType().getRevision());
        insert.setBytes(8, serialized.getData());
        insert.setBytes(9, NO_METADATA);
        insert.addBatch();
        if (++pending == 1_000) {
            flush();
        }
        return this;
    }

    public void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        flush();
        insert.close();
    }
}
