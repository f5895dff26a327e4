package parley.command.session;

import static parley.edge.ratelimit.LimitClass.COMMANDS;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import parley.api.ChatType;
import parley.command.chat.membership.ChatDirectory;
import parley.command.chat.membership.ChatDirectory.ChatHead;
import parley.command.session.SessionRequests.Heads;
import parley.command.session.SessionRequests.Ping;
import parley.command.stomp.Commands;
import parley.command.stomp.StompMapping;

/**
 * {@code SEND /app/session.ping}: answered with {@code Pong} on the replies queue. Frames of a
 * session are handled in order, so a pong also confirms that earlier subscriptions are in place.
 *
 * <p>{@code SEND /app/session.heads}: the last seq of each of the caller's chats, from the command side's own view,
 * which is written with the messages: what a reconnecting client catches up to. The chat list of the read side may
 * lag an acknowledged send by seconds, and a catch-up that stopped at its last seq would lose what was sent in
 * between until the chat's next message.
 */
@Controller
class SessionController {

    /** Far more chats than a person reads; the catch-up of any others waits for their next message. */
    static final int MAX_HEADS = 2000;

    private final ChatDirectory chats;

    SessionController(ChatDirectory chats) {
        this.chats = chats;
    }

    @StompMapping(value = "session.ping", limit = COMMANDS)
    Pong ping(Ping request) {
        return new Pong("Pong", request.clientCommandId());
    }

    @StompMapping(value = "session.heads", limit = COMMANDS)
    ChatHeads heads(Heads request, Principal principal) {
        List<ChatHead> heads = chats.headsOf(Commands.userOf(principal), MAX_HEADS + 1);
        boolean complete = heads.size() <= MAX_HEADS;
        List<Head> shown = heads.stream().limit(MAX_HEADS).map(head -> new Head(head.chatId(), head.type(), head.lastSeq())).toList();
        return new ChatHeads("ChatHeads", request.clientCommandId(), shown, complete);
    }

    record Pong(String type, String clientCommandId) {
    }

    /** @param complete false when the caller is in more than {@value #MAX_HEADS} chats (the most advanced are listed) */
    record ChatHeads(String type, String clientCommandId, List<Head> heads, boolean complete) {
    }

    record Head(UUID chatId, ChatType chatType, long lastSeq) {
    }
}
