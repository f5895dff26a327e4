package parley.projections.receipt;

import org.springframework.stereotype.Component;
import parley.api.receipt.ReceiptAdvanced;
import parley.projections.dispatch.Projection;
import parley.projections.message.MessageTables;

/** Watermarks only grow, so applying a receipt twice or out of order leaves the same row. */
@Component
class ReceiptProjection implements Projection<ReceiptAdvanced> {

    private final MessageTables tables;

    ReceiptProjection(MessageTables tables) {
        this.tables = tables;
    }

    @Override
    public Class<ReceiptAdvanced> eventType() {
        return ReceiptAdvanced.class;
    }

    @Override
    public void apply(ReceiptAdvanced event, long sequence) {
        tables.advanceWatermarks(event.chatId(), event.chatType(), event.userId(), event.deliveredUpToSeq(), event.readUpToSeq());
    }
}
