package parley.analyst.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import parley.analyst.EventPayloads;
import parley.analyst.StoredEvent;
import parley.api.group.MemberAdded;
import parley.api.privatechat.PrivateChatStarted;

/**
 * Reads one chat's events (its aggregate's and its members' receipt aggregates', {@code chatId:userId})
 * in global-index order, by exact aggregate ids. {@link parley.analyst.EventLog}'s chat filter
 * ({@code LIKE 'chatId:%'}) cannot use the (aggregate, sequence) index unless the database's collation
 * is C, so on a large store it scans every row; here the receipt ids are named, from the users the
 * chat's own membership events mention (an index lookup), and only the chat's rows are read. The sort
 * by global index gets the memory it needs ({@code work_mem}, this transaction only) instead of
 * spilling to disk.
 */
final class ChatEventReader {

    private static final int FETCH_SIZE = 5_000;
    private static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,"
            + " payloadtype, payloadrevision, payload, metadata";

    private final Connection connection;
    private final EventPayloads payloads;

    ChatEventReader(Connection connection, EventPayloads payloads) {
        this.connection = connection;
        this.payloads = payloads;
    }

    /** Hands the chat's events up to {@code untilPosition} (null: all) to {@code sink} in position order. */
    void read(UUID chatId, Long untilPosition, Consumer<StoredEvent> sink) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL's driver streams with a fetch size only inside a transaction
        try {
            Set<String> aggregates = aggregatesOf(chatId);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL work_mem = '128MB'");
            }
            String sql = "SELECT " + COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ANY (?)"
                    + (untilPosition == null ? "" : " AND globalindex <= ?") + " ORDER BY globalindex";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                Array ids = connection.createArrayOf("varchar", aggregates.toArray());
                statement.setArray(1, ids);
                if (untilPosition != null) {
                    statement.setLong(2, untilPosition);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(toEvent(rows));
                    }
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The chat's aggregate and the receipt aggregate of everyone who was ever in it: a group's added
     * members, a private chat's two participants. Read through {@link EventPayloads}, so an upcast
     * revision of these events still names its users.
     */
    private Set<String> aggregatesOf(UUID chatId) throws SQLException {
        Set<String> aggregates = new LinkedHashSet<>();
        aggregates.add(chatId.toString());
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype IN (?, ?)")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, chatId.toString());
            statement.setString(2, MemberAdded.class.getName());
            // The first event of every private chat: it names both participants.
            statement.setString(3, PrivateChatStarted.class.getName());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Object event = payloads.payload(toEvent(rows));
                    if (event instanceof MemberAdded added) {
                        aggregates.add(chatId + ":" + added.userId());
                    } else if (event instanceof PrivateChatStarted started) {
                        aggregates.add(chatId + ":" + started.participantLow());
                        aggregates.add(chatId + ":" + started.participantHigh());
                    }
                }
            }
        }
        return aggregates;
    }

    private static StoredEvent toEvent(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5),
                StoredTimes.parse(rows.getString(6)), rows.getString(7), rows.getString(8), rows.getBytes(9), rows.getBytes(10));
    }
}
