package parley.command.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import parley.command.stomp.StompRequest;
import parley.edge.ids.ClientId;

/** The bodies of {@code SEND /app/session.ping}, {@code /app/session.heads} and {@code /app/session.refresh}. */
final class SessionRequests {

    /** An access token is a few hundred bytes; anything near this is not one. */
    static final int MAX_ACCESS_TOKEN = 8192;

    private SessionRequests() {
    }

    record Ping(@ClientId String clientCommandId) implements StompRequest {
    }

    record Heads(@ClientId String clientCommandId) implements StompRequest {
    }

    record RefreshSession(@NotBlank @Size(max = MAX_ACCESS_TOKEN) String accessToken,
            @ClientId String clientCommandId) implements StompRequest {
    }
}
