package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.group.GroupCommands;
import parley.api.group.GroupRole;
import parley.command.chat.CommandRejectedException;
import parley.command.chat.RejectionCode;
import parley.command.chat.group.GroupLimits;
import parley.command.user.UserDirectory;

/** {@code SEND /app/group.*}: creating, managing and writing to group chats. */
@Controller
class GroupController {

    private final CommandReplies replies;
    private final Commands commands;
    private final UserDirectory users;
    private final GroupLimits limits;

    GroupController(CommandReplies replies, Commands commands, UserDirectory users, GroupLimits limits) {
        this.replies = replies;
        this.commands = commands;
        this.users = users;
        this.limits = limits;
    }

    @MessageMapping("group.create")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object create(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            List<UUID> members = CommandPayloads.uuidList(body, "memberIds", limits.maxMembers());
            members.forEach(this::requireUser);
            UUID groupId = Ids.uuid7();
            commands.send(new GroupCommands.CreateGroup(groupId, Commands.userOf(principal),
                    CommandPayloads.requiredText(body, "name"), members));
            return Replies.GroupCreated.of(clientCommandId(body), groupId);
        });
    }

    @MessageMapping("group.rename")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object rename(Message<?> message, Principal principal) {
        return replies.execute(message, body -> accepted(body, new GroupCommands.RenameGroup(groupId(body),
                Commands.userOf(principal), CommandPayloads.requiredText(body, "name"))));
    }

    @MessageMapping("group.addMember")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object addMember(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            UUID userId = requireUser(CommandPayloads.requiredUuid(body, "userId"));
            return accepted(body, new GroupCommands.AddMember(groupId(body), Commands.userOf(principal), userId));
        });
    }

    @MessageMapping("group.removeMember")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object removeMember(Message<?> message, Principal principal) {
        return replies.execute(message, body -> accepted(body, new GroupCommands.RemoveMember(groupId(body),
                Commands.userOf(principal), CommandPayloads.requiredUuid(body, "userId"))));
    }

    @MessageMapping("group.leave")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object leave(Message<?> message, Principal principal) {
        return replies.execute(message, body -> accepted(body, new GroupCommands.LeaveGroup(groupId(body),
                Commands.userOf(principal))));
    }

    @MessageMapping("group.setRole")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object setRole(Message<?> message, Principal principal) {
        return replies.execute(message, body -> accepted(body, new GroupCommands.SetRole(groupId(body),
                Commands.userOf(principal), CommandPayloads.requiredUuid(body, "userId"),
                CommandPayloads.requiredEnum(body, "role", GroupRole.class))));
    }

    @MessageMapping("group.send")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object send(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            String clientMessageId = CommandPayloads.requiredText(body, "clientMessageId");
            Envelope envelope = Envelope.of(CommandPayloads.requiredObject(body, "envelope"));
            return Replies.Accepted.of(clientMessageId, commands.send(new GroupCommands.SendGroupMessage(groupId(body),
                    Ids.uuid7(), Commands.userOf(principal), clientMessageId, envelope)));
        });
    }

    private Replies.CommandAccepted accepted(JsonNode body, Object command) {
        commands.send(command);
        return Replies.CommandAccepted.of(clientCommandId(body));
    }

    private UUID requireUser(UUID userId) {
        if (!users.exists(userId)) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_PEER, "no user has the id " + userId);
        }
        return userId;
    }

    private static UUID groupId(JsonNode body) {
        return CommandPayloads.requiredUuid(body, "groupId");
    }

    private static String clientCommandId(JsonNode body) {
        return CommandPayloads.optionalText(body, "clientCommandId");
    }
}
