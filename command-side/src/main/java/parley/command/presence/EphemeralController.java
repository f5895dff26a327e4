package parley.command.presence;

import static parley.edge.ratelimit.LimitClass.COMMANDS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import parley.command.chat.membership.ChatDirectory;
import parley.command.presence.EphemeralRequests.PresenceQuery;
import parley.command.presence.EphemeralRequests.Typing;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.stomp.Commands;
import parley.command.stomp.StompMapping;

/**
 * {@code SEND /app/chat.typing} and {@code /app/presence.get}: signals that are neither stored nor
 * event-sourced. Typing crosses nodes through Redis and is only answered when rejected. Both reach
 * only people who share a chat: typing goes to the chat's members, presence is told only about
 * them (as {@code PresenceChanged} is pushed only to them).
 */
@Controller
class EphemeralController {

    private static final int MAX_TYPING_AUDIENCE = 100;

    private final ChatDirectory chats;
    private final EphemeralBus bus;
    private final Presence presence;
    private final ObjectMapper objectMapper;

    EphemeralController(ChatDirectory chats, EphemeralBus bus, Presence presence, ObjectMapper objectMapper) {
        this.chats = chats;
        this.bus = bus;
        this.presence = presence;
        this.objectMapper = objectMapper;
    }

    @StompMapping(value = "chat.typing", limit = COMMANDS)
    void typing(Typing request, Principal principal) {
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
    }

    @StompMapping(value = "presence.get", limit = COMMANDS)
    ObjectNode presence(PresenceQuery request, Principal principal) {
        ObjectNode reply = objectMapper.createObjectNode();
        reply.put("type", "Presence");
        reply.put("clientCommandId", request.clientCommandId());
        ArrayNode users = reply.putArray("users");
        // Only people who share a chat with the caller: anyone else reads exactly like a user
        // never seen online, so presence cannot be probed for arbitrary ids.
        Set<UUID> known = chats.knownTo(Commands.userOf(principal), request.users());
        for (UUID userId : request.users()) {
            boolean online = known.contains(userId) && presence.isOnline(userId);
            Instant lastSeen = known.contains(userId) ? presence.lastSeen(userId, online) : null;
            users.addObject().put("userId", userId.toString()).put("online", online)
                    .put("lastSeenAt", lastSeen == null ? null : lastSeen.toString());
        }
        return reply;
    }
}
