package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.api.receipt.AdvanceReceipt;
import parley.command.chat.membership.ChatDirectory;
import parley.command.chat.membership.ChatDirectory.ChatHead;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** {@code SEND /app/chat.delivered} and {@code /app/chat.read}: the caller's watermarks in a chat. */
@Controller
class ReceiptController {

    private final CommandReplies replies;
    private final CommandPayloads payloads;
    private final Commands commands;
    private final ChatDirectory chats;

    ReceiptController(CommandReplies replies, CommandPayloads payloads, Commands commands, ChatDirectory chats) {
        this.replies = replies;
        this.payloads = payloads;
        this.commands = commands;
        this.chats = chats;
    }

    @MessageMapping("chat.delivered")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object delivered(Message<?> message, Principal principal) {
        return replies.execute(message, body -> advance(body, principal, false));
    }

    @MessageMapping("chat.read")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object read(Message<?> message, Principal principal) {
        return replies.execute(message, body -> advance(body, principal, true));
    }

    private Replies.CommandAccepted advance(JsonNode body, Principal principal, boolean read) {
        StompRequests.Receipt request = payloads.as(body, StompRequests.Receipt.class);
        UUID user = Commands.userOf(principal);
        UUID chatId = request.chatId();
        long upToSeq = request.upToSeq();
        ChatHead chat = chats.head(chatId).filter(head -> chats.isMember(chatId, user))
                .orElseThrow(() -> new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such chat"));
        // A client cannot acknowledge what does not exist yet.
        long upTo = Math.min(upToSeq, chat.lastSeq());
        if (upTo >= 1) {
            commands.send(read ? AdvanceReceipt.read(chatId, chat.type(), user, upTo)
                    : AdvanceReceipt.delivered(chatId, chat.type(), user, upTo));
        }
        return Replies.CommandAccepted.of(request.clientCommandId());
    }
}
