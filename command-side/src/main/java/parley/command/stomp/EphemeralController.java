package parley.command.stomp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.command.chat.membership.ChatDirectory;
import parley.command.presence.EphemeralBus;
import parley.command.presence.Presence;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * {@code SEND /app/chat.typing} and {@code /app/presence.get}: signals that are neither stored nor
 * event-sourced. Typing crosses nodes through Redis and is only answered when rejected. Both reach
 * only people who share a chat: typing goes to the chat's members, presence is told only about
 * them (as {@code PresenceChanged} is pushed only to them).
 */
@Controller
class EphemeralController {

    private static final int MAX_TYPING_AUDIENCE = 100;

    private final CommandReplies replies;
    private final CommandPayloads payloads;
    private final ChatDirectory chats;
    private final EphemeralBus bus;
    private final Presence presence;
    private final ObjectMapper objectMapper;

    EphemeralController(CommandReplies replies, CommandPayloads payloads, ChatDirectory chats, EphemeralBus bus,
            Presence presence, ObjectMapper objectMapper) {
        this.replies = replies;
        this.payloads = payloads;
        this.chats = chats;
        this.bus = bus;
        this.presence = presence;
        this.objectMapper = objectMapper;
    }

    @MessageMapping("chat.typing")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object typing(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.Typing request = payloads.as(body, StompRequests.Typing.class);
            UUID user = Commands.userOf(principal);
            UUID chatId = request.chatId();
            List<UUID> members = chats.members(chatId);
            if (!members.contains(user)) {
                throw new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such chat");
            }
            List<UUID> audience = members.stream().filter(member -> !member.equals(user)).toList();
            if (audience.size() <= MAX_TYPING_AUDIENCE) {
                ObjectNode event = objectMapper.createObjectNode();
                event.put("type", "Typing");
                event.put("chatId", chatId.toString());
                event.put("userId", user.toString());
                event.put("typing", request.isTyping());
                bus.publish(audience, event);
            }
            return null;
        });
    }

    @MessageMapping("presence.get")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object presence(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.PresenceQuery request = payloads.as(body, StompRequests.PresenceQuery.class);
            ObjectNode reply = objectMapper.createObjectNode();
            reply.put("type", "Presence");
            reply.put("clientCommandId", request.clientCommandId());
            ArrayNode users = reply.putArray("users");
            // Only people who share a chat with the caller: anyone else reads exactly like a user
            // never seen online, so presence cannot be probed for arbitrary ids.
            Set<UUID> known = chats.knownTo(Commands.userOf(principal), request.users());
            for (UUID userId : request.users()) {
                boolean online = known.contains(userId) && presence.isOnline(userId);
                var lastSeen = known.contains(userId) ? presence.lastSeen(userId, online) : null;
                users.addObject().put("userId", userId.toString()).put("online", online)
                        .put("lastSeenAt", lastSeen == null ? null : lastSeen.toString());
            }
            return reply;
        });
    }
}
