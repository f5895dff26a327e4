package parley.command.chat.group;

import static parley.edge.ratelimit.LimitClass.COMMANDS;
import static parley.edge.ratelimit.LimitClass.SEND;

import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.group.GroupCommands;
import parley.api.privatechat.MessageAccepted;
import parley.command.chat.group.GroupRequests.CreateGroup;
import parley.command.chat.group.GroupRequests.GroupMember;
import parley.command.chat.group.GroupRequests.GroupSend;
import parley.command.chat.group.GroupRequests.LeaveGroup;
import parley.command.chat.group.GroupRequests.RenameGroup;
import parley.command.chat.group.GroupRequests.SetRole;
import parley.command.chat.membership.ChatDirectory;
import parley.command.e2ee.EncryptedEnvelopes;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.stomp.Commands;
import parley.command.stomp.Replies;
import parley.command.stomp.StompMapping;
import parley.command.user.UserDirectory;

/**
 * {@code SEND /app/group.*}: creating, managing and writing to group chats. New groups and messages
 * count as sends; managing members one by one is not a flood.
 */
@Controller
class GroupController {

    private final Commands commands;
    private final UserDirectory users;
    private final ChatDirectory chats;
    private final EncryptedEnvelopes envelopes;

    GroupController(Commands commands, UserDirectory users, ChatDirectory chats, EncryptedEnvelopes envelopes) {
        this.commands = commands;
        this.users = users;
        this.chats = chats;
        this.envelopes = envelopes;
    }

    @StompMapping(value = "group.create", limit = SEND)
    GroupCreated create(CreateGroup request, Principal principal) {
        List<UUID> members = request.members();
        members.forEach(users::requireExisting);
        UUID creator = Commands.userOf(principal);
        // Idempotent on (creator, clientCommandId): a resend names the group the first one created.
        UUID groupId = request.clientCommandId() == null ? Ids.uuid7() : Ids.groupId(creator, request.clientCommandId());
        commands.send(new GroupCommands.CreateGroup(groupId, creator, request.name(), members));
        return GroupCreated.of(request.clientCommandId(), groupId);
    }

    @StompMapping(value = "group.rename", limit = COMMANDS)
    Replies.CommandAccepted rename(RenameGroup request, Principal principal) {
        commands.send(new GroupCommands.RenameGroup(group(request.groupId()), Commands.userOf(principal), request.name()));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    @StompMapping(value = "group.addMember", limit = COMMANDS)
    Replies.CommandAccepted addMember(GroupMember request, Principal principal) {
        UUID userId = users.requireExisting(request.userId());
        commands.send(new GroupCommands.AddMember(group(request.groupId()), Commands.userOf(principal), userId));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    @StompMapping(value = "group.removeMember", limit = COMMANDS)
    Replies.CommandAccepted removeMember(GroupMember request, Principal principal) {
        commands.send(new GroupCommands.RemoveMember(group(request.groupId()), Commands.userOf(principal), request.userId()));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    @StompMapping(value = "group.leave", limit = COMMANDS)
    Replies.CommandAccepted leave(LeaveGroup request, Principal principal) {
        commands.send(new GroupCommands.LeaveGroup(group(request.groupId()), Commands.userOf(principal)));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    @StompMapping(value = "group.setRole", limit = COMMANDS)
    Replies.CommandAccepted setRole(SetRole request, Principal principal) {
        commands.send(new GroupCommands.SetRole(group(request.groupId()), Commands.userOf(principal), request.userId(),
                request.role()));
        return Replies.CommandAccepted.of(request.clientCommandId());
    }

    @StompMapping(value = "group.send", limit = SEND)
    Replies.Accepted send(GroupSend request, Principal principal) {
        Envelope envelope = request.messageEnvelope();
        UUID groupId = group(request.groupId());
        UUID sender = Commands.userOf(principal);
        envelopes.check(request.envelope(), sender, chats.members(groupId));
        UUID messageId = Ids.uuid7();
        MessageAccepted accepted = commands.sendMessage(new GroupCommands.SendGroupMessage(groupId, messageId, sender,
                request.clientMessageId(), envelope), messageId);
        return Replies.Accepted.of(request.clientMessageId(), accepted);
    }

    /** Any other id (a private chat's, or none at all) would load the wrong aggregate: refused up front. */
    private UUID group(UUID groupId) {
        if (chats.head(groupId).filter(head -> head.type() == ChatType.GROUP).isEmpty()) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_CHAT, "no such group");
        }
        return groupId;
    }

    /** The reply to {@code group.create}: the new group's id. */
    record GroupCreated(String type, String clientCommandId, UUID groupId) {
        static GroupCreated of(String clientCommandId, UUID groupId) {
            return new GroupCreated("GroupCreated", clientCommandId, groupId);
        }
    }
}
