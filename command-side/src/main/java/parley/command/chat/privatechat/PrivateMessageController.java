package parley.command.chat.privatechat;

import static parley.edge.ratelimit.LimitClass.SEND;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.privatechat.MessageAccepted;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.e2ee.EncryptedEnvelopes;
import parley.command.stomp.Commands;
import parley.command.stomp.Replies;
import parley.command.stomp.StompMapping;
import parley.command.user.UserDirectory;

/** {@code SEND /app/private.send}: a message to the private chat with {@code peerId}. */
@Controller
class PrivateMessageController {

    private final Commands commands;
    private final UserDirectory users;
    private final EncryptedEnvelopes envelopes;

    PrivateMessageController(Commands commands, UserDirectory users, EncryptedEnvelopes envelopes) {
        this.commands = commands;
        this.users = users;
        this.envelopes = envelopes;
    }

    @StompMapping(value = "private.send", limit = SEND)
    Replies.Accepted send(PrivateSend request, Principal principal) {
        UUID sender = Commands.userOf(principal);
        UUID peer = request.peerId();
        Envelope envelope = request.messageEnvelope();
        PrivateMessageRules.requireDifferentUsers(sender, peer);
        users.requireExisting(peer);
        envelopes.check(request.envelope(), sender, List.of(sender, peer));
        UUID messageId = Ids.uuid7();
        MessageAccepted accepted = commands.sendMessage(new SendPrivateMessage(Ids.privateChatId(sender, peer), messageId,
                sender, peer, request.clientMessageId(), envelope), messageId);
        return Replies.Accepted.of(request.clientMessageId(), accepted);
    }
}
