package parley.projections.privatechat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.privatechat.PrivateMessageSent;

/**
 * Idempotent writes to {@code private_chats} and {@code messages}: applying an event twice, or an
 * older one after a newer one, leaves the tables as they were.
 */
@Component
class PrivateChatTables {

    private final JdbcClient jdbc;

    PrivateChatTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsertChat(UUID chatId, UUID low, UUID high, long seq, Instant at) {
        jdbc.sql("""
                INSERT INTO private_chats (chat_id, user_low, user_high, last_seq, last_activity_at, started_at)
                VALUES (:chatId, :low, :high, :seq, :at, :at)
                ON CONFLICT (chat_id) DO UPDATE SET
                    last_seq = GREATEST(private_chats.last_seq, EXCLUDED.last_seq),
                    last_activity_at = GREATEST(private_chats.last_activity_at, EXCLUDED.last_activity_at),
                    started_at = LEAST(private_chats.started_at, EXCLUDED.started_at)""")
                .param("chatId", chatId)
                .param("low", low)
                .param("high", high)
                .param("seq", seq)
                .param("at", Timestamp.from(at))
                .update();
    }

    void insertMessage(PrivateMessageSent event) {
        jdbc.sql("""
                INSERT INTO messages (chat_id, seq, message_id, sender_id, envelope, sent_at)
                VALUES (:chatId, :seq, :messageId, :senderId, CAST(:envelope AS json), :sentAt)
                ON CONFLICT DO NOTHING""")
                .param("chatId", event.chatId())
                .param("seq", event.seq())
                .param("messageId", event.messageId())
                .param("senderId", event.senderId())
                .param("envelope", event.envelope().json())
                .param("sentAt", Timestamp.from(event.sentAt()))
                .update();
    }
}
