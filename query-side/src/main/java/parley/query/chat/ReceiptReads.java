package parley.query.chat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.query.read.ReadDatabase;

/** Watermarks per member, and a message's delivery status derived from them. */
@Component
class ReceiptReads {

    /** Up to this many members, a status also names who has it delivered or read. */
    static final int STATUS_LIST_LIMIT = 32;

    static final String PRIVATE_RECEIPTS = """
            SELECT p.user_id, COALESCE(s.delivered_up_to, 0) AS delivered, COALESCE(s.read_up_to, 0) AS read
            FROM (SELECT user_low AS user_id FROM parley_read.private_chats WHERE chat_id = :chat
                  UNION ALL SELECT user_high FROM parley_read.private_chats WHERE chat_id = :chat) p
            LEFT JOIN parley_read.private_chat_status s ON s.chat_id = :chat AND s.user_id = p.user_id""";
    static final String GROUP_RECEIPTS = """
            SELECT m.user_id, COALESCE(s.delivered_up_to, 0) AS delivered, COALESCE(s.read_up_to, 0) AS read
            FROM parley_read.group_members m
            LEFT JOIN parley_read.group_chat_status s ON s.group_id = m.group_id AND s.user_id = m.user_id
            WHERE m.group_id = :chat
            ORDER BY m.user_id
            LIMIT 2048""";
    static final String PRIVATE_STATUS = """
            SELECT user_id, read_up_to FROM parley_read.private_chat_status
            WHERE chat_id = :chat AND user_id <> :sender AND delivered_up_to >= :seq""";
    static final String GROUP_STATUS = """
            SELECT user_id, read_up_to FROM parley_read.group_chat_status
            WHERE group_id = :chat AND user_id <> :sender AND delivered_up_to >= :seq""";
    static final String SENDER = "SELECT sender_id FROM parley_read.messages WHERE chat_id = :chat AND seq = :seq";
    static final String GROUP_SIZE = "SELECT members_count FROM parley_read.group_chats WHERE group_id = :chat";

    private final JdbcClient jdbc;

    ReceiptReads(ReadDatabase readDatabase) {
        this.jdbc = readDatabase.jdbc();
    }

    List<Receipt> receipts(UUID chatId, ChatAccess access) {
        return jdbc.sql(isGroup(access) ? GROUP_RECEIPTS : PRIVATE_RECEIPTS)
                .param("chat", chatId)
                .query((rs, n) -> new Receipt(rs.getObject("user_id", UUID.class), rs.getLong("delivered"), rs.getLong("read")))
                .list();
    }

    /** Empty when the chat has no message with that seq. */
    Optional<MessageStatus> status(UUID chatId, ChatAccess access, long seq) {
        Optional<UUID> sender = jdbc.sql(SENDER).param("chat", chatId).param("seq", seq).query(UUID.class).optional();
        return sender.map(senderId -> {
            List<StatusRow> others = jdbc.sql(isGroup(access) ? GROUP_STATUS : PRIVATE_STATUS)
                    .param("chat", chatId).param("sender", senderId).param("seq", seq)
                    .query((rs, n) -> new StatusRow(rs.getObject("user_id", UUID.class), rs.getLong("read_up_to") >= seq))
                    .list();
            int of = isGroup(access) ? jdbc.sql(GROUP_SIZE).param("chat", chatId).query(Integer.class).single() : 2;
            List<UUID> delivered = others.stream().map(StatusRow::userId).toList();
            List<UUID> read = others.stream().filter(StatusRow::read).map(StatusRow::userId).toList();
            boolean small = of <= STATUS_LIST_LIMIT;
            return new MessageStatus(seq, delivered.size(), read.size(), of, small ? delivered : null, small ? read : null);
        });
    }

    private static boolean isGroup(ChatAccess access) {
        return "GROUP".equals(access.type());
    }

    private record StatusRow(UUID userId, boolean read) {
    }

    record Receipt(UUID userId, long deliveredUpToSeq, long readUpToSeq) {
    }

    /** {@code deliveredTo}/{@code readBy} count members other than the sender; the lists only for small chats. */
    record MessageStatus(long seq, int deliveredTo, int readBy, int of, List<UUID> deliveredToUsers, List<UUID> readByUsers) {
    }
}
