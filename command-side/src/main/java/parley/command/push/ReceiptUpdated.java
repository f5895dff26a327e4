package parley.command.push;

import java.util.UUID;
import parley.api.receipt.ReceiptAdvanced;

/** The {@code ReceiptUpdated} event on {@code /user/queue/events}. */
record ReceiptUpdated(String type, UUID chatId, UUID userId, long deliveredUpToSeq, long readUpToSeq) {

    static ReceiptUpdated of(ReceiptAdvanced event) {
        return new ReceiptUpdated("ReceiptUpdated", event.chatId(), event.userId(), event.deliveredUpToSeq(),
                event.readUpToSeq());
    }
}
