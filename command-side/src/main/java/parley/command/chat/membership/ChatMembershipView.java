package parley.command.chat.membership;

import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.ChatType;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;

/**
 * Maintains {@code chat_heads} and {@code chat_members} in the transaction that stores the events
 * (a subscribing processor), so the view is never behind the aggregates.
 */
@Component
@ProcessingGroup(ChatMembershipView.PROCESSING_GROUP)
class ChatMembershipView {

    static final String PROCESSING_GROUP = "chat-membership-view";

    private final JdbcClient jdbc;

    ChatMembershipView(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PrivateChatStarted event) {
        createHead(event.chatId(), ChatType.PRIVATE);
        addMember(event.chatId(), event.participantLow());
        addMember(event.chatId(), event.participantHigh());
    }

    @EventHandler
    void on(PrivateMessageSent event) {
        advance(event.chatId(), event.seq());
    }

    @EventHandler
    void on(GroupCreated event) {
        createHead(event.groupId(), ChatType.GROUP);
    }

    @EventHandler
    void on(MemberAdded event) {
        addMember(event.groupId(), event.userId());
    }

    @EventHandler
    void on(MemberRemoved event) {
        jdbc.sql("DELETE FROM chat_members WHERE chat_id = :chat AND user_id = :user")
                .param("chat", event.groupId()).param("user", event.userId()).update();
    }

    @EventHandler
    void on(GroupMessageSent event) {
        advance(event.groupId(), event.seq());
    }

    private void createHead(UUID chatId, ChatType type) {
        jdbc.sql("INSERT INTO chat_heads (chat_id, chat_type) VALUES (:chat, :type) ON CONFLICT DO NOTHING")
                .param("chat", chatId).param("type", type.name()).update();
    }

    private void addMember(UUID chatId, UUID userId) {
        jdbc.sql("INSERT INTO chat_members (chat_id, user_id) VALUES (:chat, :user) ON CONFLICT DO NOTHING")
                .param("chat", chatId).param("user", userId).update();
    }

    private void advance(UUID chatId, long seq) {
        jdbc.sql("UPDATE chat_heads SET last_seq = GREATEST(last_seq, :seq) WHERE chat_id = :chat")
                .param("chat", chatId).param("seq", seq).update();
    }
}
