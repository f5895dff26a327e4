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
import parley.command.chat.MessageRules;

/**
 * The bodies of {@code SEND /app/...} frames. Read strictly (unknown fields and wrong types are
 * refused) and checked with Bean Validation by {@link CommandPayloads}, the same layer HTTP bodies
 * use. {@code clientCommandId} is the optional correlation id echoed in the reply.
 */
final class StompRequests {

    static final int MAX_ID_LENGTH = MessageRules.MAX_CLIENT_MESSAGE_ID_LENGTH;
    /** A group name is checked against the configured limit by the aggregate; this only bounds the frame. */
    static final int MAX_NAME_INPUT = 1024;
    static final int MAX_USER_LIST = 1024;
    static final int MAX_PRESENCE_QUERY = 200;

    private StompRequests() {
    }

    record PrivateSend(@NotNull UUID peerId, @NotBlank @Size(max = MAX_ID_LENGTH) String clientMessageId,
            @NotNull JsonNode envelope) {

        Envelope messageEnvelope() {
            return CommandPayloads.envelope(envelope);
        }
    }

    record GroupSend(@NotNull UUID groupId, @NotBlank @Size(max = MAX_ID_LENGTH) String clientMessageId,
            @NotNull JsonNode envelope) {

        Envelope messageEnvelope() {
            return CommandPayloads.envelope(envelope);
        }
    }

    record CreateGroup(@NotBlank @Size(max = MAX_NAME_INPUT) String name,
            @Size(max = MAX_USER_LIST) List<@NotNull UUID> memberIds,
            @Size(max = MAX_ID_LENGTH) String clientCommandId) {

        List<UUID> members() {
            return memberIds == null ? List.of() : memberIds;
        }
    }

    record RenameGroup(@NotNull UUID groupId, @NotBlank @Size(max = MAX_NAME_INPUT) String name,
            @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    record GroupMember(@NotNull UUID groupId, @NotNull UUID userId, @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    record LeaveGroup(@NotNull UUID groupId, @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    record SetRole(@NotNull UUID groupId, @NotNull UUID userId, @NotNull GroupRole role,
            @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    record Receipt(@NotNull UUID chatId, @NotNull @Min(1) Long upToSeq, @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    record EditMessage(@NotNull UUID chatId, @NotNull @Min(1) Long seq, @NotNull JsonNode envelope,
            @Size(max = MAX_ID_LENGTH) String clientCommandId) {

        Envelope messageEnvelope() {
            return CommandPayloads.envelope(envelope);
        }
    }

    record RedactMessage(@NotNull UUID chatId, @NotNull @Min(1) Long seq, @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    record Typing(@NotNull UUID chatId, Boolean typing, @Size(max = MAX_ID_LENGTH) String clientCommandId) {

        boolean isTyping() {
            return typing == null || typing;
        }
    }

    record PresenceQuery(@Size(max = MAX_PRESENCE_QUERY) List<@NotNull UUID> userIds,
            @Size(max = MAX_ID_LENGTH) String clientCommandId) {

        List<UUID> users() {
            return userIds == null ? List.of() : userIds;
        }
    }

    record Ping(@Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }

    /** An access token is a few hundred bytes; anything near this is not one. */
    static final int MAX_ACCESS_TOKEN = 8192;

    record RefreshSession(@NotBlank @Size(max = MAX_ACCESS_TOKEN) String accessToken,
            @Size(max = MAX_ID_LENGTH) String clientCommandId) {
    }
}
