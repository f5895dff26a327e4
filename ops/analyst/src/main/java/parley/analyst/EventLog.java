package parley.analyst;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Axon's {@code domainevententry} table in global-index order through a server-side cursor,
 * so a read of any size holds one fetch of rows in memory. Position, chat and type bounds (simple or
 * full names) are applied by PostgreSQL (types again here); time bounds here, because the table
 * keeps time as ISO-8601 text whose fraction digits vary, which does not sort as time.
 */
public final class EventLog {

    private static final int FETCH_SIZE = 5_000;

    private final Connection connection;

    public EventLog(Connection connection) {
        this.connection = connection;
    }

    /** Hands every event that matches {@code filter} to {@code sink}, in position order. */
    public void read(EventFilter filter, Consumer<StoredEvent> sink) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,"
                + " payloadrevision, payload, metadata FROM domainevententry" + where(filter, parameters) + " ORDER BY globalindex";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL's driver streams with a fetch size only inside a transaction
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            preferBinaryTransfer(statement);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    StoredEvent event = toEvent(rows);
                    if (filter.matchesTime(event.time()) && filter.matchesType(event)) {
                        sink.accept(event);
                    }
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Binary transfer from the first execution: bytea arrives as bytes instead of hex text to decode.
     * It needs a named server-side statement, so not where the URL turned those off
     * ({@code prepareThreshold=0}): behind a pooler in transaction mode the next transaction runs on
     * another server, where that name does not exist.
     */
    private void preferBinaryTransfer(PreparedStatement statement) throws SQLException {
        if (connection.unwrap(org.postgresql.PGConnection.class).getPrepareThreshold() > 0) {
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
    }

    /**
     * Hands the events at these global indexes (those that exist) to {@code sink}, in position order:
     * how a replay picks up an append that committed after it had read past its index.
     */
    public void readPositions(java.util.Collection<Long> positions, Consumer<StoredEvent> sink) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        String sql = "SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,"
                + " payloadrevision, payload, metadata FROM domainevententry WHERE globalindex = ANY (?) ORDER BY globalindex";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", positions.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sink.accept(toEvent(rows));
                }
            }
        }
    }

    /** The highest global index in the store, 0 when it is empty. */
    public long lastPosition() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(globalindex), 0) FROM domainevententry");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** About how many events {@code filter}'s position and aggregate bounds select: the total for a progress bar. */
    public long estimate(EventFilter filter) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM domainevententry" + where(filter, parameters))) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String where(EventFilter filter, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.afterPosition() != null) {
            conditions.add("globalindex > ?");
            parameters.add(filter.afterPosition());
        }
        if (filter.untilPosition() != null) {
            conditions.add("globalindex <= ?");
            parameters.add(filter.untilPosition());
        }
        if (filter.types() != null && !filter.types().isEmpty()) {
            // In the database too, so rows of other types are neither sent nor counted in a progress total.
            String[] names = filter.types().toArray(String[]::new);
            conditions.add("(payloadtype = ANY(?) OR substring(payloadtype from '[^.]*$') = ANY(?))");
            parameters.add(names);
            parameters.add(names);
        }
        if (filter.chatId() != null) {
            conditions.add("(aggregateidentifier = ? OR aggregateidentifier LIKE ?)");
            parameters.add(filter.chatId());
            parameters.add(filter.chatId() + ":%");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static StoredEvent toEvent(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5),
                Instant.parse(rows.getString(6)), rows.getString(7), rows.getString(8), rows.getBytes(9), rows.getBytes(10));
    }
}
