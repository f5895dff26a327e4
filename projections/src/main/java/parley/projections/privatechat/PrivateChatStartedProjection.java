package parley.projections.privatechat;

import org.springframework.stereotype.Component;
import parley.api.privatechat.PrivateChatStarted;
import parley.projections.dispatch.Projection;

@Component
class PrivateChatStartedProjection implements Projection<PrivateChatStarted> {

    private final PrivateChatTables tables;

    PrivateChatStartedProjection(PrivateChatTables tables) {
        this.tables = tables;
    }

    @Override
    public Class<PrivateChatStarted> eventType() {
        return PrivateChatStarted.class;
    }

    @Override
    public void apply(PrivateChatStarted event, long sequence) {
        tables.upsertChat(event.chatId(), event.participantLow(), event.participantHigh(), 0, event.startedAt());
    }
}
