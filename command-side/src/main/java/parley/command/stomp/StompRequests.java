package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import parley.api.Envelope;
import parley.api.group.GroupRole;
import parley.edge.ids.ClientId;

/**
 * The bodies of {@code SEND /app/...} frames. Read strictly (unknown fields and wrong types are
 * refused) and checked with Bean Validation by {@link CommandPayloads}, the same layer HTTP bodies
 * use. {@code clientCommandId} is the optional correlation (and idempotency) id echoed in the reply;
 * it and {@code clientMessageId} have the one form of {@link ClientId}.
 */
final class StompRequests {

    /** A group name is checked against the configured limit by the aggregate; this only bounds the frame. */
    static final int MAX_NAME_INPUT = 1024;
    static final int MAX_USER_LIST = 1024;
    static final int MAX_PRESENCE_QUERY = 200;

    private StompRequests() {
    }

    record PrivateSend(@NotNull UUID peerId, @NotBlank @ClientId String clientMessageId,
            @NotNull JsonNode envelope) {

        Envelope messageEnvelope() {
            return CommandPayloads.envelope(envelope);
        }
    }

    record GroupSend(@NotNull UUID groupId, @NotBlank @ClientId String clientMessageId,
            @NotNull JsonNode envelope) {

        Envelope messageEnvelope() {
            return CommandPayloads.envelope(envelope);
        }
    }

    record CreateGroup(@NotBlank @Size(max = MAX_NAME_INPUT) String name,
            @Size(max = MAX_USER_LIST) List<@NotNull UUID> memberIds,
            @ClientId String clientCommandId) {

        List<UUID> members() {
            return memberIds == null ? List.of() : memberIds;
        }
    }

    record RenameGroup(@NotNull UUID groupId, @NotBlank @Size(max = MAX_NAME_INPUT) String name,
            @ClientId String clientCommandId) {
    }

    record GroupMember(@NotNull UUID groupId, @NotNull UUID userId, @ClientId String clientCommandId) {
    }

    record LeaveGroup(@NotNull UUID groupId, @ClientId String clientCommandId) {
    }

    record SetRole(@NotNull UUID groupId, @NotNull UUID userId, @NotNull GroupRole role,
            @ClientId String clientCommandId) {
    }

    record Receipt(@NotNull UUID chatId, @NotNull @Min(1) Long upToSeq, @ClientId String clientCommandId) {
    }

    record EditMessage(@NotNull UUID chatId, @NotNull @Min(1) Long seq, @NotNull JsonNode envelope,
            @ClientId String clientCommandId) {

        Envelope messageEnvelope() {
            return CommandPayloads.envelope(envelope);
        }
    }

    record RedactMessage(@NotNull UUID chatId, @NotNull @Min(1) Long seq, @ClientId String clientCommandId) {
    }

    record Typing(@NotNull UUID chatId, Boolean typing, @ClientId String clientCommandId) {

        boolean isTyping() {
            return typing == null || typing;
        }
    }

    record PresenceQuery(@Size(max = MAX_PRESENCE_QUERY) List<@NotNull UUID> userIds,
            @ClientId String clientCommandId) {

        List<UUID> users() {
            return userIds == null ? List.of() : userIds;
        }
    }

    record Ping(@ClientId String clientCommandId) {
    }

    /** An access token is a few hundred bytes; anything near this is not one. */
    static final int MAX_ACCESS_TOKEN = 8192;

    record RefreshSession(@NotBlank @Size(max = MAX_ACCESS_TOKEN) String accessToken,
            @ClientId String clientCommandId) {
    }
}
