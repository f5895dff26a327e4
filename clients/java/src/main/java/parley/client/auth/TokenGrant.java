package parley.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;

/**
 * What login and refresh answer: whose tokens, the access token and when it expires, and the refresh
 * token (kept only in memory; the refresh cookie carries the same value).
 */
public record TokenGrant(String userId, String accessToken, Instant expiresAt, String refreshToken) {

    static TokenGrant from(JsonNode answer, Clock clock) {
        return new TokenGrant(answer.get("userId").asText(), answer.get("accessToken").asText(),
                clock.instant().plusSeconds(answer.get("expiresIn").asLong()), answer.path("refreshToken").asText(null));
    }

    @Override
    public String toString() {
        return "TokenGrant[userId=" + userId + ", expiresAt=" + expiresAt + "]"; // never print a token
    }
}
