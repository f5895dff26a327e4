package parley.query.chat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.Envelope;
import parley.query.QueryProperties;
import parley.query.read.ReadDatabase;

/** The queries behind the chat API, all on the read connection pool and all served by an index. */
@Component
class ChatReads {

    static final String CHAT_LIST = """
            SELECT p.chat_id, 'PRIVATE' AS type, p.user_high AS peer_id, u.display_name AS title, 2 AS members_count,
                   p.last_seq, p.last_seq - COALESCE(s.read_up_to, 0) AS unread, p.last_activity_at
            FROM parley_read.private_chats p
            LEFT JOIN parley_read.users u ON u.user_id = p.user_high
            LEFT JOIN parley_read.private_chat_status s ON s.chat_id = p.chat_id AND s.user_id = :user
            WHERE p.user_low = :user
            UNION ALL
            SELECT p.chat_id, 'PRIVATE', p.user_low, u.display_name, 2,
                   p.last_seq, p.last_seq - COALESCE(s.read_up_to, 0), p.last_activity_at
            FROM parley_read.private_chats p
            LEFT JOIN parley_read.users u ON u.user_id = p.user_low
            LEFT JOIN parley_read.private_chat_status s ON s.chat_id = p.chat_id AND s.user_id = :user
            WHERE p.user_high = :user
            UNION ALL
            SELECT g.group_id, 'GROUP', NULL, g.name, g.members_count,
                   g.last_seq, GREATEST(g.last_seq - GREATEST(COALESCE(s.read_up_to, 0), m.joined_at_seq), 0), g.last_activity_at
            FROM parley_read.group_members m
            JOIN parley_read.group_chats g ON g.group_id = m.group_id
            LEFT JOIN parley_read.group_chat_status s ON s.group_id = m.group_id AND s.user_id = :user
            WHERE m.user_id = :user
            ORDER BY last_activity_at DESC
            LIMIT 500""";

    static final String PRIVATE_ACCESS =
            "SELECT 0 FROM parley_read.private_chats WHERE chat_id = :chat AND (user_low = :user OR user_high = :user)";
    static final String GROUP_ACCESS = "SELECT joined_at_seq FROM parley_read.group_members WHERE group_id = :chat AND user_id = :user";
    static final String PAGE_BACKWARDS =
            "SELECT * FROM parley_read.messages WHERE chat_id = :chat AND seq < :bound AND seq > :floor ORDER BY seq DESC LIMIT :limit";
    static final String PAGE_FORWARDS =
            "SELECT * FROM parley_read.messages WHERE chat_id = :chat AND seq > GREATEST(:bound, :floor) ORDER BY seq ASC LIMIT :limit";

    static final String SEQ_REACHED = "SELECT EXISTS (SELECT 1 FROM parley_read.messages WHERE chat_id = :chat AND seq >= :seq)";
    static final String LAST_SEQ = """
            SELECT last_seq FROM parley_read.private_chats WHERE chat_id = :chat
            UNION ALL
            SELECT last_seq FROM parley_read.group_chats WHERE group_id = :chat""";

    private final ReadDatabase readDatabase;
    private final JdbcClient jdbc;
    private final QueryProperties.ReadYourWrites settings;
    private final WaitingReads waiting;
    private final MeterRegistry meters;
    private final Map<String, Counter> skips = new ConcurrentHashMap<>();

    ChatReads(ReadDatabase readDatabase, QueryProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.readDatabase = readDatabase;
        this.jdbc = readDatabase.jdbc();
        this.settings = properties.readYourWrites();
        this.waiting = new WaitingReads(settings.maxWaitingPerUser());
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    /**
     * Runs {@code read} where the chat's history already holds {@code minSeq} (the seq of the
     * caller's own send): a replica that has it, else the primary (see {@link ReadDatabase#readYourWrites}).
     * Waiting is for members only, for a seq that can still arrive, and for a few reads per user at a
     * time; any other read is served at once (a non-member's as 404), so a {@code minSeq} costs an
     * outsider's or a flooder's read nothing more than a plain one.
     */
    <T> T readingAtLeast(UUID chatId, UUID userId, long minSeq, Supplier<T> read) {
        AtomicBoolean entered = new AtomicBoolean();
        try {
            return readDatabase.readYourWrites(
                    () -> access(chatId, userId).isPresent() && Boolean.TRUE.equals(
                            jdbc.sql(SEQ_REACHED).param("chat", chatId).param("seq", minSeq).query(Boolean.class).single()),
                    () -> {
                        entered.set(worthWaiting(chatId, userId, minSeq) && enterWaiting(userId));
                        return entered.get();
                    },
                    read);
        } finally {
            if (entered.get()) {
                waiting.leave(userId);
            }
        }
    }

    private boolean worthWaiting(UUID chatId, UUID userId, long minSeq) {
        if (access(chatId, userId).isEmpty()) {
            skipped("not-a-member");
            return false;
        }
        long lastSeq = jdbc.sql(LAST_SEQ).param("chat", chatId).query(Long.class).optional().orElse(0L);
        if (minSeq > lastSeq + settings.maxSeqAhead()) {
            skipped("beyond-last-seq");
            return false;
        }
        return true;
    }

    private boolean enterWaiting(UUID userId) {
        if (waiting.tryEnter(userId)) {
            return true;
        }
        skipped("too-many-waiting");
        return false;
    }

    private void skipped(String reason) {
        skips.computeIfAbsent(reason, key -> Counter.builder("parley.query.read-your-writes.not-waited")
                .description("Read-your-writes reads served at once, without waiting for their seq, by reason")
                .tag("reason", key)
                .register(meters)).increment();
    }

    List<ChatSummary> chatsOf(UUID userId) {
        return jdbc.sql(CHAT_LIST)
                .param("user", userId)
                .query((rs, n) -> new ChatSummary(rs.getObject("chat_id", UUID.class), rs.getString("type"),
                        rs.getObject("peer_id", UUID.class), rs.getString("title"), rs.getInt("members_count"),
                        rs.getLong("last_seq"), rs.getLong("unread"), rs.getTimestamp("last_activity_at").toInstant()))
                .list();
    }

    /** Empty when the caller is not a participant or member (or the chat does not exist). */
    Optional<ChatAccess> access(UUID chatId, UUID userId) {
        Optional<ChatAccess> privateChat = jdbc.sql(PRIVATE_ACCESS).param("chat", chatId).param("user", userId)
                .query((rs, n) -> new ChatAccess("PRIVATE", 0)).optional();
        if (privateChat.isPresent()) {
            return privateChat;
        }
        return jdbc.sql(GROUP_ACCESS).param("chat", chatId).param("user", userId)
                .query((rs, n) -> new ChatAccess("GROUP", rs.getLong("joined_at_seq"))).optional();
    }

    /** Up to {@code limit + 1} messages, so the caller can tell whether another page exists. */
    List<MessageView> messages(UUID chatId, ChatAccess access, HistoryWindow window) {
        return jdbc.sql(window.forwards() ? PAGE_FORWARDS : PAGE_BACKWARDS)
                .param("chat", chatId)
                .param("bound", window.bound())
                .param("floor", access.visibleAfterSeq())
                .param("limit", window.limit() + 1)
                .query(ChatReads::message)
                .list();
    }

    private static MessageView message(ResultSet rs, int row) throws SQLException {
        String envelope = rs.getString("envelope");
        java.sql.Timestamp editedAt = rs.getTimestamp("edited_at");
        return new MessageView(rs.getObject("message_id", UUID.class), rs.getObject("chat_id", UUID.class),
                rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_message_id"),
                envelope == null ? null : new Envelope(envelope),
                rs.getTimestamp("sent_at").toInstant(), editedAt == null ? null : editedAt.toInstant(),
                rs.getTimestamp("redacted_at") != null);
    }
}
