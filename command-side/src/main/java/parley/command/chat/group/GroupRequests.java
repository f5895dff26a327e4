package parley.command.chat.group;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import parley.api.Envelope;
import parley.api.group.GroupRole;
import parley.command.chat.MessageRules;
import parley.command.stomp.StompRequest;
import parley.edge.ids.ClientId;

/**
 * The bodies of {@code SEND /app/group.*}. {@code clientCommandId} is the optional correlation (and
 * idempotency) id echoed in the reply; it and {@code clientMessageId} have the one form of {@link ClientId}.
 */
final class GroupRequests {

    /** A group name is checked against the configured limit by the aggregate; this only bounds the frame. */
    static final int MAX_NAME_INPUT = 1024;
    static final int MAX_USER_LIST = 1024;

    private GroupRequests() {
    }

    record CreateGroup(@NotBlank @Size(max = MAX_NAME_INPUT) String name,
            @Size(max = MAX_USER_LIST) List<@NotNull UUID> memberIds,
            @ClientId String clientCommandId) implements StompRequest {

        List<UUID> members() {
            return memberIds == null ? List.of() : memberIds;
        }
    }

    record RenameGroup(@NotNull UUID groupId, @NotBlank @Size(max = MAX_NAME_INPUT) String name,
            @ClientId String clientCommandId) implements StompRequest {
    }

    record GroupMember(@NotNull UUID groupId, @NotNull UUID userId, @ClientId String clientCommandId) implements StompRequest {
    }

    record LeaveGroup(@NotNull UUID groupId, @ClientId String clientCommandId) implements StompRequest {
    }

    record SetRole(@NotNull UUID groupId, @NotNull UUID userId, @NotNull GroupRole role,
            @ClientId String clientCommandId) implements StompRequest {
    }

    record GroupSend(@NotNull UUID groupId, @NotBlank @ClientId String clientMessageId,
            @NotNull JsonNode envelope) implements StompRequest {

        Envelope messageEnvelope() {
            return MessageRules.envelopeOf(envelope);
        }
    }
}
