package parley.api.receipt;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;
import parley.api.ChatEvent;
import parley.api.ChatType;

/** Revision 1. The member's new watermarks; both only ever grow. */
@Revision("1")
public record ReceiptAdvanced(UUID chatId, ChatType chatType, UUID userId, long deliveredUpToSeq, long readUpToSeq,
        Instant at) implements ChatEvent {
}
