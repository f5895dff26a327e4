package parley.query.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.Envelope;
import parley.query.read.ReadDatabase;

/** The queries behind the chat API, all on the read connection pool and all served by an index. */
@Component
class ChatReads {

    private final JdbcClient jdbc;

    ChatReads(ReadDatabase readDatabase) {
        this.jdbc = readDatabase.jdbc();
    }

    List<ChatSummary> chatsOf(UUID userId) {
        return jdbc.sql("""
                SELECT chat_id, user_high AS peer_id, last_seq, last_activity_at FROM private_chats WHERE user_low = :user
                UNION ALL
                SELECT chat_id, user_low AS peer_id, last_seq, last_activity_at FROM private_chats WHERE user_high = :user
                ORDER BY last_activity_at DESC
                LIMIT 500""")
                .param("user", userId)
                .query((rs, n) -> new ChatSummary(rs.getObject("chat_id", UUID.class), "PRIVATE",
                        rs.getObject("peer_id", UUID.class), rs.getLong("last_seq"),
                        rs.getTimestamp("last_activity_at").toInstant()))
                .list();
    }

    boolean isParticipant(UUID chatId, UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM private_chats WHERE chat_id = :chat AND (user_low = :user OR user_high = :user))")
                .param("chat", chatId)
                .param("user", userId)
                .query(Boolean.class)
                .single();
    }

    /** Up to {@code limit + 1} messages, so the caller can tell whether another page exists. */
    List<MessageView> messages(UUID chatId, HistoryWindow window) {
        String sql = window.forwards()
                ? "SELECT * FROM messages WHERE chat_id = :chat AND seq > :bound ORDER BY seq ASC LIMIT :limit"
                : "SELECT * FROM messages WHERE chat_id = :chat AND seq < :bound ORDER BY seq DESC LIMIT :limit";
        return jdbc.sql(sql)
                .param("chat", chatId)
                .param("bound", window.bound())
                .param("limit", window.limit() + 1)
                .query(ChatReads::message)
                .list();
    }

    private static MessageView message(ResultSet rs, int row) throws SQLException {
        return new MessageView(rs.getObject("message_id", UUID.class), rs.getObject("chat_id", UUID.class),
                rs.getLong("seq"), rs.getObject("sender_id", UUID.class), new Envelope(rs.getString("envelope")),
                rs.getTimestamp("sent_at").toInstant());
    }
}
