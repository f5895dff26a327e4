package parley.client.auth;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import parley.client.http.JsonHttp;

/**
 * {@code /api/auth}: register, login and refresh (docs/protocol.md "Tokens and sessions"). Refresh uses the
 * {@code parley_refresh} cookie with the CSRF double-submit header {@code X-CSRF-Token} = the {@code parley_csrf}
 * cookie. Over plain HTTP a server with {@code Secure} cookies leaves the cookie manager nothing to send; then the
 * refresh token from the last answer's body is sent in the body instead, which the protocol also accepts.
 */
public final class AuthApi {

    static final String REFRESH_COOKIE = "parley_refresh";
    static final String CSRF_COOKIE = "parley_csrf";

    private final JsonHttp http;
    private final CookieManager cookies;
    private final Clock clock;

    public AuthApi(JsonHttp http, CookieManager cookies, Clock clock) {
        this.http = http;
        this.cookies = cookies;
        this.clock = clock;
    }

    /** @return the new user's id; an {@link parley.client.http.ApiException} 409 if the name is taken */
    public String register(String username, String password, String displayName) {
        return http.exchange("POST", "/api/auth/register",
                        Map.of("username", username, "password", password, "displayName", displayName), Map.of())
                .orThrow().get("userId").asText();
    }

    public TokenGrant login(String username, String password) {
        return TokenGrant.from(http.exchange("POST", "/api/auth/login",
                Map.of("username", username, "password", password), Map.of()).orThrow(), clock);
    }

    /** Rotates the refresh token: use only the returned grant's from now on (a reused one revokes every session). */
    public TokenGrant refresh(TokenGrant current) {
        Optional<String> csrf = cookie(CSRF_COOKIE);
        if (cookie(REFRESH_COOKIE).isPresent() && csrf.isPresent()) {
            return TokenGrant.from(http.exchange("POST", "/api/auth/refresh", null, Map.of("X-CSRF-Token", csrf.get()))
                    .orThrow(), clock);
        }
        Map<String, String> body = new HashMap<>();
        body.put("refreshToken", current.refreshToken());
        return TokenGrant.from(http.exchange("POST", "/api/auth/refresh", body, Map.of()).orThrow(), clock);
    }

    private Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(http.uri("/api/auth/refresh")).stream()
                .filter(cookie -> cookie.getName().equals(name) && !cookie.hasExpired())
                .map(HttpCookie::getValue)
                .findFirst();
    }
}
