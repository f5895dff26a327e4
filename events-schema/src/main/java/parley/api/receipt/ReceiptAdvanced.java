package parley.api.receipt;

import java.time.Instant;
import java.util.UUID;
import parley.api.ChatEvent;
import parley.api.ChatType;

/** Revision 1. The member's new watermarks; both only ever grow. */
public record ReceiptAdvanced(UUID chatId, ChatType chatType, UUID userId, long deliveredUpToSeq, long readUpToSeq,
        Instant at) implements ChatEvent {
}
