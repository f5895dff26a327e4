package parley.projections.privatechat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.privatechat.PrivateMessageSent;
import parley.projections.message.MessageTables;
import parley.projections.message.NewMessage;

/**
 * Idempotent writes to {@code private_chats} and, through {@link MessageTables}, {@code messages}: applying an event twice, or an
 * older one after a newer one, leaves the tables as they were.
 */
@Component
class PrivateChatTables {

    private final JdbcClient jdbc;
    private final MessageTables messages;

    PrivateChatTables(JdbcClient jdbc, MessageTables messages) {
        this.jdbc = jdbc;
        this.messages = messages;
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
        messages.insert(NewMessage.of(event));
    }
}
