package parley.command.stomp;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.group.GroupCommands;
import parley.command.chat.membership.ChatDirectory;
import parley.command.e2ee.EncryptedEnvelopes;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.user.UserDirectory;

/** {@code SEND /app/group.*}: creating, managing and writing to group chats. */
@Controller
class GroupController {

    private final CommandReplies replies;
    private final CommandPayloads payloads;
    private final Commands commands;
    private final UserDirectory users;
    private final ChatDirectory chats;
    private final EncryptedEnvelopes envelopes;

    GroupController(CommandReplies replies, CommandPayloads payloads, Commands commands, UserDirectory users,
            ChatDirectory chats, EncryptedEnvelopes envelopes) {
        this.replies = replies;
        this.payloads = payloads;
        this.commands = commands;
        this.users = users;
        this.chats = chats;
        this.envelopes = envelopes;
    }

    @MessageMapping("group.create")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object create(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.CreateGroup request = payloads.as(body, StompRequests.CreateGroup.class);
            List<UUID> members = request.members();
            members.forEach(this::requireUser);
            UUID creator = Commands.userOf(principal);
            // Idempotent on (creator, clientCommandId): a resend names the group the first one created.
            UUID groupId = request.clientCommandId() == null ? Ids.uuid7() : Ids.groupId(creator, request.clientCommandId());
            commands.send(new GroupCommands.CreateGroup(groupId, creator, request.name(), members));
            return Replies.GroupCreated.of(request.clientCommandId(), groupId);
        });
    }

    @MessageMapping("group.rename")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object rename(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.RenameGroup request = payloads.as(body, StompRequests.RenameGroup.class);
            return accepted(request.clientCommandId(), new GroupCommands.RenameGroup(group(request.groupId()),
                    Commands.userOf(principal), request.name()));
        });
    }

    @MessageMapping("group.addMember")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object addMember(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.GroupMember request = payloads.as(body, StompRequests.GroupMember.class);
            UUID userId = requireUser(request.userId());
            return accepted(request.clientCommandId(), new GroupCommands.AddMember(group(request.groupId()),
                    Commands.userOf(principal), userId));
        });
    }

    @MessageMapping("group.removeMember")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object removeMember(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.GroupMember request = payloads.as(body, StompRequests.GroupMember.class);
            return accepted(request.clientCommandId(), new GroupCommands.RemoveMember(group(request.groupId()),
                    Commands.userOf(principal), request.userId()));
        });
    }

    @MessageMapping("group.leave")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object leave(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.LeaveGroup request = payloads.as(body, StompRequests.LeaveGroup.class);
            return accepted(request.clientCommandId(), new GroupCommands.LeaveGroup(group(request.groupId()), Commands.userOf(principal)));
        });
    }

    @MessageMapping("group.setRole")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object setRole(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.SetRole request = payloads.as(body, StompRequests.SetRole.class);
            return accepted(request.clientCommandId(), new GroupCommands.SetRole(group(request.groupId()),
                    Commands.userOf(principal), request.userId(), request.role()));
        });
    }

    @MessageMapping("group.send")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object send(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.GroupSend request = payloads.as(body, StompRequests.GroupSend.class);
            Envelope envelope = request.messageEnvelope();
            UUID groupId = group(request.groupId());
            UUID sender = Commands.userOf(principal);
            envelopes.check(request.envelope(), sender, chats.members(groupId));
            UUID messageId = Ids.uuid7();
            return Replies.Accepted.of(request.clientMessageId(), commands.sendMessage(new GroupCommands.SendGroupMessage(
                    groupId, messageId, sender, request.clientMessageId(), envelope), messageId));
        });
    }

    private Replies.CommandAccepted accepted(String clientCommandId, Object command) {
        commands.send(command);
        return Replies.CommandAccepted.of(clientCommandId);
    }

    /** Any other id (a private chat's, or none at all) would load the wrong aggregate: refused up front. */
    private UUID group(UUID groupId) {
        if (chats.head(groupId).filter(head -> head.type() == ChatType.GROUP).isEmpty()) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such group");
        }
        return groupId;
    }

    private UUID requireUser(UUID userId) {
        if (!users.exists(userId)) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_PEER, "no user has the id " + userId);
        }
        return userId;
    }
}
