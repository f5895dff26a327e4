package parley.bench.crash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The messages of given private chats in the real database, read the way an operator would check them: Axon's
 * event store ({@code domainevententry}, the {@code PrivateMessageSent} events, whose payload is the event's JSON)
 * and the read tables as the query side sees them (the {@code parley_read} views over the live generation).
 */
public final class StoredMessages {

    private static final String EVENTS = """
            SELECT p ->> 'chatId', (p ->> 'seq')::bigint, p ->> 'messageId', p ->> 'clientMessageId'
            FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                  WHERE aggregateidentifier = ANY (?) AND payloadtype LIKE '%PrivateMessageSent') AS events""";
    private static final String READ_ROWS = """
            SELECT chat_id::text, seq, message_id::text, client_message_id FROM parley_read.messages WHERE chat_id = ANY (?)""";

    private StoredMessages() {
    }

    /** Every {@code PrivateMessageSent} appended to these chats (a private chat's aggregate id is its chat id). */
    public static List<StoredMessage> inEventStore(Connection db, List<UUID> chats) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(EVENTS)) {
            statement.setArray(1, db.createArrayOf("varchar", chats.stream().map(UUID::toString).toArray()));
            return messages(statement);
        }
    }

    /** Every row of these chats in {@code parley_read.messages}. */
    public static List<StoredMessage> inReadTables(Connection db, List<UUID> chats) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(READ_ROWS)) {
            statement.setArray(1, db.createArrayOf("uuid", chats.toArray()));
            return messages(statement);
        }
    }

    private static List<StoredMessage> messages(PreparedStatement statement) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                messages.add(new StoredMessage(UUID.fromString(rows.getString(1)), rows.getLong(2),
                        UUID.fromString(rows.getString(3)), rows.getString(4)));
            }
        }
        return messages;
    }
}
