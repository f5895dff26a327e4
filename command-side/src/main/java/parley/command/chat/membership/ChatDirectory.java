package parley.command.chat.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.ChatType;

/** Reads the command side's chat view: a chat's kind, last seq and members. */
@Component
public class ChatDirectory {

    private final JdbcClient jdbc;

    ChatDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ChatHead> head(UUID chatId) {
        return jdbc.sql("SELECT chat_type, last_seq FROM chat_heads WHERE chat_id = :chat")
                .param("chat", chatId)
                .query((rs, n) -> headOf(chatId, rs))
                .optional();
    }

    /** The chat's head if {@code userId} is one of its members: one round trip for every receipt. */
    public Optional<ChatHead> headFor(UUID chatId, UUID userId) {
        return jdbc.sql("""
                SELECT h.chat_type, h.last_seq FROM chat_heads h
                WHERE h.chat_id = :chat AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = h.chat_id AND m.user_id = :user)""")
                .param("chat", chatId)
                .param("user", userId)
                .query((rs, n) -> headOf(chatId, rs))
                .optional();
    }

    /**
     * The heads of the chats {@code userId} is in, at most {@code limit} of them, the most advanced first. Written in
     * the transaction that stores each message, so a head is never behind an acknowledged send (the read side may be).
     */
    public List<ChatHead> headsOf(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT h.chat_id, h.chat_type, h.last_seq FROM chat_members m
                JOIN chat_heads h ON h.chat_id = m.chat_id
                WHERE m.user_id = :user
                ORDER BY h.last_seq DESC, h.chat_id
                LIMIT :limit""")
                .param("user", userId)
                .param("limit", limit)
                .query((rs, n) -> headOf(rs.getObject("chat_id", UUID.class), rs))
                .list();
    }

    public List<UUID> members(UUID chatId) {
        return jdbc.sql("SELECT user_id FROM chat_members WHERE chat_id = :chat")
                .param("chat", chatId)
                .query(UUID.class)
                .list();
    }

    /** The people who share a chat with {@code userId}, at most {@code limit} of them. */
    public List<UUID> contacts(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT DISTINCT other.user_id FROM chat_members mine
                JOIN chat_members other ON other.chat_id = mine.chat_id AND other.user_id <> mine.user_id
                WHERE mine.user_id = :user
                LIMIT :limit""")
                .param("user", userId)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * Those of {@code candidates} who share a chat with {@code userId} (or are {@code userId}): the
     * people whose presence the user may learn.
     */
    public Set<UUID> knownTo(UUID userId, Collection<UUID> candidates) {
        Set<UUID> known = new HashSet<>();
        if (candidates.contains(userId)) {
            known.add(userId);
        }
        if (candidates.isEmpty()) {
            return known;
        }
        known.addAll(jdbc.sql("""
                SELECT DISTINCT other.user_id FROM chat_members mine
                JOIN chat_members other ON other.chat_id = mine.chat_id
                WHERE mine.user_id = :user AND other.user_id IN (:candidates)""")
                .param("user", userId)
                .param("candidates", List.copyOf(new HashSet<>(candidates)))
                .query(UUID.class)
                .list());
        return known;
    }

    private static ChatHead headOf(UUID chatId, ResultSet row) throws SQLException {
        return new ChatHead(chatId, ChatType.valueOf(row.getString("chat_type")), row.getLong("last_seq"));
    }

    public record ChatHead(UUID chatId, ChatType type, long lastSeq) {
    }
}
