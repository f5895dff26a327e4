package parley.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import parley.client.http.JsonHttp;

/**
 * REST calls with {@code Authorization: Bearer}; a 401 (token revoked or expired early) refreshes once and
 * retries once, a 429 with a short {@code Retry-After} is retried after it (up to three times), then the
 * answer stands (an {@link parley.client.http.ApiException} from {@link #get}/{@link #put}).
 */
public final class AuthorizedApi {

    private static final int MAX_RATE_LIMIT_RETRIES = 3;
    private static final long MAX_RETRY_AFTER_SECONDS = 5;

    private final JsonHttp http;
    private final AccessTokens tokens;

    public AuthorizedApi(JsonHttp http, AccessTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    public JsonNode get(String path) {
        return call("GET", path, null).orThrow();
    }

    public JsonNode put(String path, Object body) {
        return call("PUT", path, body).orThrow();
    }

    /** The answer whatever its status, after the one retry a 401 gets and the waits a short 429 asks for. */
    public JsonHttp.Response call(String method, String path, Object body) {
        JsonHttp.Response response = rateLimited(method, path, body);
        if (response.status() != 401) {
            return response;
        }
        tokens.refreshNow();
        return rateLimited(method, path, body);
    }

    private JsonHttp.Response rateLimited(String method, String path, Object body) {
        JsonHttp.Response response = http.exchange(method, path, body, bearer(tokens.current()));
        for (int retry = 0; retry < MAX_RATE_LIMIT_RETRIES && shortWait(response); retry++) {
            pause(response.retryAfterSeconds());
            response = http.exchange(method, path, body, bearer(tokens.current()));
        }
        return response;
    }

    /** A 429 with a wait of a few seconds is waited out; a longer lockout is the caller's to handle. */
    private static boolean shortWait(JsonHttp.Response response) {
        return response.status() == 429 && response.retryAfterSeconds() >= 0
                && response.retryAfterSeconds() <= MAX_RETRY_AFTER_SECONDS;
    }

    private static void pause(long seconds) {
        try {
            Thread.sleep(Math.max(1, seconds) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rate limited", e);
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
