package parley.projections.privatechat;

import org.springframework.stereotype.Component;
import parley.api.privatechat.PrivateMessageSent;
import parley.projections.dispatch.Projection;

@Component
class PrivateMessageSentProjection implements Projection<PrivateMessageSent> {

    private final PrivateChatTables tables;

    PrivateMessageSentProjection(PrivateChatTables tables) {
        this.tables = tables;
    }

    @Override
    public Class<PrivateMessageSent> eventType() {
        return PrivateMessageSent.class;
    }

    @Override
    public void apply(PrivateMessageSent event, long sequence) {
        boolean low = event.senderId().compareTo(event.recipientId()) < 0;
        tables.upsertChat(event.chatId(), low ? event.senderId() : event.recipientId(),
                low ? event.recipientId() : event.senderId(), event.seq(), event.sentAt());
        tables.insertMessage(event);
    }
}
