package parley.command.chat.group;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.UUID;
import parley.api.group.GroupCommands.CreateGroup;
import parley.api.group.GroupRole;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.text.PlainText;

/**
 * Who may do what in a group. Admins and owners manage members; only owners change roles; admins
 * cannot remove owners or other admins; a group always keeps an owner while it has members.
 */
final class GroupRules {

    private final Map<UUID, GroupRole> members;

    GroupRules(Map<UUID, GroupRole> members) {
        this.members = members;
    }

    static String validName(String name, GroupLimits limits) {
        String text = PlainText.of(name);
        if (text.isEmpty() || text.length() > limits.maxNameLength()) {
            throw rejected(RejectionCode.INVALID_COMMAND,
                    "a group name has 1 to " + limits.maxNameLength() + " visible characters (markup is removed)");
        }
        return text;
    }

    static LinkedHashSet<UUID> initialMembers(CreateGroup command, GroupLimits limits) {
        LinkedHashSet<UUID> others = new LinkedHashSet<>(command.memberIds() == null ? java.util.List.of() : command.memberIds());
        others.remove(command.creatorId());
        if (others.size() + 1 > limits.maxInitialMembers()) {
            throw rejected(RejectionCode.TOO_MANY_INITIAL_MEMBERS, "a new group names at most " + limits.maxInitialMembers()
                    + " members, the creator included; add more with group.addMember once it exists");
        }
        if (others.size() + 1 > limits.maxMembers()) {
            throw rejected(RejectionCode.GROUP_FULL, "a group has at most " + limits.maxMembers() + " members");
        }
        return others;
    }

    void requireMember(UUID userId) {
        if (!members.containsKey(userId)) {
            throw rejected(RejectionCode.NOT_A_MEMBER, "you are not a member of this group");
        }
    }

    void requireManager(UUID actorId) {
        requireMember(actorId);
        if (!members.get(actorId).canManageMembers()) {
            throw rejected(RejectionCode.FORBIDDEN, "only admins and owners can do that");
        }
    }

    void requireRoomFor(int newMembers, GroupLimits limits) {
        if (members.size() + newMembers > limits.maxMembers()) {
            throw rejected(RejectionCode.GROUP_FULL, "a group has at most " + limits.maxMembers() + " members");
        }
    }

    void requireMayRemove(UUID actorId, UUID userId) {
        if (actorId.equals(userId)) {
            throw rejected(RejectionCode.INVALID_COMMAND, "use leave to leave a group");
        }
        requireManager(actorId);
        if (members.get(actorId) == GroupRole.ADMIN && members.get(userId) != GroupRole.MEMBER) {
            throw rejected(RejectionCode.FORBIDDEN, "admins can only remove members");
        }
    }

    void requireNotLastOwnerLeaving(UUID userId) {
        if (members.get(userId) == GroupRole.OWNER && owners() == 1 && members.size() > 1) {
            throw rejected(RejectionCode.LAST_OWNER, "make another member an owner before you leave");
        }
    }

    void requireMayChangeRole(UUID actorId, UUID userId, GroupRole role) {
        requireMember(actorId);
        if (members.get(actorId) != GroupRole.OWNER) {
            throw rejected(RejectionCode.FORBIDDEN, "only owners change roles");
        }
        if (role == null) {
            throw rejected(RejectionCode.INVALID_COMMAND, "role must be OWNER, ADMIN or MEMBER");
        }
        if (!members.containsKey(userId)) {
            throw rejected(RejectionCode.NOT_A_MEMBER, "that user is not a member of this group");
        }
        if (members.get(userId) == GroupRole.OWNER && role != GroupRole.OWNER && owners() == 1) {
            throw rejected(RejectionCode.LAST_OWNER, "a group needs an owner: make another member an owner first");
        }
    }

    private long owners() {
        return members.values().stream().filter(role -> role == GroupRole.OWNER).count();
    }

    private static CommandRejectedException rejected(RejectionCode code, String detail) {
        return new CommandRejectedException(code, detail);
    }
}
