package parley.bench.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Fills a private chat's history in the read table with one set-based statement: seqs 2..N copy the
 * real first message (its envelope, so rows have a real envelope's size, and its sender), each with its
 * own message and client ids and a millisecond apart. The chat row's {@code last_seq} and activity are
 * moved to the last seeded message, as the projection would have done. Then VACUUM ANALYZE.
 */
final class HistorySeed {

    private HistorySeed() {
    }

    /** @return the rows inserted */
    static long seed(String jdbcUrl, String user, UUID chatId, long messages) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, "")) {
            db.setAutoCommit(false);
            long inserted;
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO messages (chat_id, seq, message_id, sender_id, envelope, sent_at, client_message_id, chat_type)
                    SELECT first.chat_id, s, gen_random_uuid(), first.sender_id, first.envelope,
                           first.sent_at + s * interval '1 millisecond', 'seed-' || s, first.chat_type
                    FROM messages first, generate_series(2, ?) AS s
                    WHERE first.chat_id = ? AND first.seq = 1""")) {
                insert.setLong(1, messages);
                insert.setObject(2, chatId);
                inserted = insert.executeUpdate();
            }
            try (PreparedStatement chat = db.prepareStatement("""
                    UPDATE private_chats SET last_seq = ?, last_activity_at = (
                        SELECT sent_at FROM messages WHERE chat_id = ? AND seq = ?)
                    WHERE chat_id = ?""")) {
                chat.setLong(1, messages);
                chat.setObject(2, chatId);
                chat.setLong(3, messages);
                chat.setObject(4, chatId);
                chat.executeUpdate();
            }
            db.commit();
            db.setAutoCommit(true);
            // VACUUM too: a real chat's old rows are all-visible with hint bits set, as autovacuum leaves
            // them; without it the first reads of each page would write hint bits and measure that.
            try (PreparedStatement vacuum = db.prepareStatement("VACUUM ANALYZE messages");
                    PreparedStatement analyze = db.prepareStatement("ANALYZE private_chats")) {
                vacuum.execute();
                analyze.execute();
            }
            return inserted;
        }
    }
}
