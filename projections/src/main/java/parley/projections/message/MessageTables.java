package parley.projections.message;

import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.ChatType;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;

/**
 * The {@code messages} table (a private and a group partition, keyed by chat and seq) and the
 * per-member watermarks. A sender has read what they wrote, so sending moves their own watermarks.
 */
@Component
public class MessageTables {

    private final JdbcClient jdbc;

    MessageTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewMessage message) {
        jdbc.sql("""
                INSERT INTO messages (chat_id, seq, message_id, sender_id, client_message_id, envelope, sent_at, chat_type)
                VALUES (:chatId, :seq, :messageId, :senderId, :clientMessageId, CAST(:envelope AS json), :sentAt, :chatType)
                ON CONFLICT DO NOTHING""")
                .param("chatId", message.chatId()).param("seq", message.seq()).param("messageId", message.messageId())
                .param("senderId", message.senderId()).param("clientMessageId", message.clientMessageId())
                .param("envelope", message.envelope().json()).param("sentAt", Timestamp.from(message.sentAt()))
                .param("chatType", message.type().name())
                .update();
        advanceWatermarks(message.chatId(), message.type(), message.senderId(), message.seq(), message.seq());
    }

    /** A redelivered older edit never overwrites a newer one, and nothing revives a redacted message. */
    public void edit(MessageEdited event) {
        jdbc.sql("""
                UPDATE messages SET envelope = CAST(:envelope AS json), edited_at = :at
                WHERE chat_id = :chat AND seq = :seq AND redacted_at IS NULL AND (edited_at IS NULL OR edited_at <= :at)""")
                .param("envelope", event.envelope().json()).param("at", Timestamp.from(event.editedAt()))
                .param("chat", event.chatId()).param("seq", event.seq())
                .update();
    }

    public void redact(MessageRedacted event) {
        jdbc.sql("""
                UPDATE messages SET envelope = NULL, redacted_at = :at
                WHERE chat_id = :chat AND seq = :seq AND redacted_at IS NULL""")
                .param("at", Timestamp.from(event.redactedAt())).param("chat", event.chatId()).param("seq", event.seq())
                .update();
    }

    public void advanceWatermarks(UUID chatId, ChatType type, UUID userId, long delivered, long read) {
        String sql = type == ChatType.PRIVATE
                ? """
                  INSERT INTO private_chat_status (chat_id, user_id, delivered_up_to, read_up_to)
                  VALUES (:chat, :user, :delivered, :read)
                  ON CONFLICT (chat_id, user_id) DO UPDATE SET
                      delivered_up_to = GREATEST(private_chat_status.delivered_up_to, EXCLUDED.delivered_up_to),
                      read_up_to = GREATEST(private_chat_status.read_up_to, EXCLUDED.read_up_to)"""
                // Only current members keep a row, so the table stays O(members) after removals; and only
                // for messages of their current membership (after joined_at_seq, all they can see), so a
                // redelivered receipt or message of an earlier membership cannot bring an old row back.
                : """
                  INSERT INTO group_chat_status (group_id, user_id, delivered_up_to, read_up_to)
                  SELECT :chat, :user, :delivered, :read
                  WHERE EXISTS (SELECT 1 FROM group_members WHERE group_id = :chat AND user_id = :user
                                AND joined_at_seq < GREATEST(:delivered, :read))
                  ON CONFLICT (group_id, user_id) DO UPDATE SET
                      delivered_up_to = GREATEST(group_chat_status.delivered_up_to, EXCLUDED.delivered_up_to),
                      read_up_to = GREATEST(group_chat_status.read_up_to, EXCLUDED.read_up_to)""";
        jdbc.sql(sql).param("chat", chatId).param("user", userId).param("delivered", delivered).param("read", read).update();
    }
}
