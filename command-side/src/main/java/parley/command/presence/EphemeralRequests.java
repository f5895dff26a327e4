package parley.command.presence;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import parley.command.stomp.StompRequest;
import parley.edge.ids.ClientId;

/** The bodies of {@code SEND /app/chat.typing} and {@code /app/presence.get}. */
final class EphemeralRequests {

    static final int MAX_PRESENCE_QUERY = 200;

    private EphemeralRequests() {
    }

    record Typing(@NotNull UUID chatId, Boolean typing, @ClientId String clientCommandId) implements StompRequest {

        boolean isTyping() {
            return typing == null || typing;
        }
    }

    record PresenceQuery(@Size(max = MAX_PRESENCE_QUERY) List<@NotNull UUID> userIds,
            @ClientId String clientCommandId) implements StompRequest {

        List<UUID> users() {
            return userIds == null ? List.of() : userIds;
        }
    }
}
