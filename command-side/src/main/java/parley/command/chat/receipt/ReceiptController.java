package parley.command.chat.receipt;

import static parley.edge.ratelimit.LimitClass.COMMANDS;

import java.security.Principal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import parley.api.receipt.AdvanceReceipt;
import parley.command.chat.membership.ChatDirectory;
import parley.command.chat.membership.ChatDirectory.ChatHead;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.stomp.Commands;
import parley.command.stomp.Replies;
import parley.command.stomp.StompMapping;

/**
 * {@code SEND /app/chat.delivered} and {@code /app/chat.read}: the caller's watermarks in a chat.
 * Clients send them as others' messages arrive, so they are not sends.
 */
@Controller
class ReceiptController {

    private final Commands commands;
    private final ChatDirectory chats;

    ReceiptController(Commands commands, ChatDirectory chats) {
        this.commands = commands;
        this.chats = chats;
    }

    @StompMapping(value = "chat.delivered", limit = COMMANDS)
    Replies.CommandAccepted delivered(Receipt request, Principal principal) {
        return advance(request, Commands.userOf(principal), false);
    }

    @StompMapping(value = "chat.read", limit = COMMANDS)
    Replies.CommandAccepted read(Receipt request, Principal principal) {
        return advance(request, Commands.userOf(principal), true);
    }

    private Replies.CommandAccepted advance(Receipt request, UUID user, boolean read) {
        UUID chatId = request.chatId();
        ChatHead chat = chats.headFor(chatId, user)
                .orElseThrow(() -> new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such chat"));
        command(chat, user, request.upToSeq(), read).ifPresent(commands::send);
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    /** The command a receipt up to {@code upToSeq} makes, if any: a client cannot acknowledge what does not exist yet. */
    static Optional<AdvanceReceipt> command(ChatHead chat, UUID user, long upToSeq, boolean read) {
        long upTo = Math.min(upToSeq, chat.lastSeq());
        if (upTo < 1) {
            return Optional.empty();
        }
        return Optional.of(read ? AdvanceReceipt.read(chat.chatId(), chat.type(), user, upTo)
                : AdvanceReceipt.delivered(chat.chatId(), chat.type(), user, upTo));
    }
}
