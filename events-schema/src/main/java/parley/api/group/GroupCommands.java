package parley.api.group;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import parley.api.Envelope;

/** The commands of a group chat. The actor is always the authenticated user who sent the command. */
public final class GroupCommands {

    private GroupCommands() {
    }

    public record CreateGroup(@TargetAggregateIdentifier UUID groupId, UUID creatorId, String name, List<UUID> memberIds) {
    }

    public record RenameGroup(@TargetAggregateIdentifier UUID groupId, UUID actorId, String name) {
    }

    public record AddMember(@TargetAggregateIdentifier UUID groupId, UUID actorId, UUID userId) {
    }

    public record RemoveMember(@TargetAggregateIdentifier UUID groupId, UUID actorId, UUID userId) {
    }

    public record LeaveGroup(@TargetAggregateIdentifier UUID groupId, UUID userId) {
    }

    public record SetRole(@TargetAggregateIdentifier UUID groupId, UUID actorId, UUID userId, GroupRole role) {
    }

    public record SendGroupMessage(@TargetAggregateIdentifier UUID groupId, UUID messageId, UUID senderId,
            String clientMessageId, Envelope envelope) {
    }
}
