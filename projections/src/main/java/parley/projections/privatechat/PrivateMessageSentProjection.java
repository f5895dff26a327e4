package parley.projections.privatechat;

import org.springframework.stereotype.Component;
import parley.api.UserPair;
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
        UserPair pair = UserPair.of(event.senderId(), event.recipientId());
        tables.upsertChat(event.chatId(), pair.low(), pair.high(), event.seq(), event.sentAt());
        tables.insertMessage(event);
    }
}
