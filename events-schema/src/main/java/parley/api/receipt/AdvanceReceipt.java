package parley.api.receipt;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import parley.api.ChatType;

/**
 * Moves a member's delivery and read watermarks in a chat forward. Each (chat, member) pair is its
 * own small aggregate, so receipts never contend with sends on the chat.
 */
public record AdvanceReceipt(@TargetAggregateIdentifier String receiptId, UUID chatId, ChatType chatType, UUID userId,
        long deliveredUpToSeq, long readUpToSeq) {

    public static AdvanceReceipt delivered(UUID chatId, ChatType chatType, UUID userId, long upToSeq) {
        return new AdvanceReceipt(idOf(chatId, userId), chatId, chatType, userId, upToSeq, 0);
    }

    /** Reading a message implies it was delivered. */
    public static AdvanceReceipt read(UUID chatId, ChatType chatType, UUID userId, long upToSeq) {
        return new AdvanceReceipt(idOf(chatId, userId), chatId, chatType, userId, upToSeq, upToSeq);
    }

    public static String idOf(UUID chatId, UUID userId) {
        return chatId + ":" + userId;
    }
}
