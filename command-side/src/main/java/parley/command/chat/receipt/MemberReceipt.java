package parley.command.chat.receipt;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import parley.api.receipt.AdvanceReceipt;
import parley.api.receipt.ReceiptAdvanced;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * One member's delivery and read watermarks in one chat. A watermark only grows: a lower or equal
 * one is ignored, not an error, because clients acknowledge out of order. Cached and snapshotted:
 * an active member advances it every few seconds for as long as the chat lives, and re-reading all
 * of its events per receipt made each receipt slower than the last (found by the group benchmark).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "memberReceiptCache")
public class MemberReceipt {

    @AggregateIdentifier
    private String receiptId;
    private long deliveredUpToSeq;
    private long readUpToSeq;

    protected MemberReceipt() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AdvanceReceipt command, Clock clock) {
        if (command.deliveredUpToSeq() < 1 && command.readUpToSeq() < 1) {
            throw new CommandRejectedException(RejectionCode.INVALID_COMMAND, "upToSeq must be at least 1");
        }
        long read = Math.max(readUpToSeq, command.readUpToSeq());
        long delivered = Math.max(Math.max(deliveredUpToSeq, command.deliveredUpToSeq()), read);
        if (receiptId != null && read == readUpToSeq && delivered == deliveredUpToSeq) {
            return;
        }
        apply(new ReceiptAdvanced(command.chatId(), command.chatType(), command.userId(), delivered, read, clock.instant()));
    }

    @EventSourcingHandler
    void on(ReceiptAdvanced event) {
        receiptId = AdvanceReceipt.idOf(event.chatId(), event.userId());
        deliveredUpToSeq = event.deliveredUpToSeq();
        readUpToSeq = event.readUpToSeq();
    }
}
