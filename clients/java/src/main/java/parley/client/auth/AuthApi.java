package parley.client.auth;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import parley.client.http.JsonHttp;

/**
 * {@code /api/auth}: register, login and refresh (docs/protocol.md "Tokens and sessions"). The SDK holds its refresh
 * token itself: a login asks for it in the answer's body ({@value #REFRESH_TOKEN_HEADER}{@code : body}; a browser never
 * gets it there), and a refresh presents it in the body and gets the successor the same way. Only a grant without a
 * refresh token (one that came from elsewhere) refreshes with the {@code parley_refresh} cookie and the CSRF
 * double-submit header {@code X-CSRF-Token} = the {@code parley_csrf} cookie. The body path also works over plain
 * HTTP against a server whose cookies are {@code Secure}, where the cookie manager has nothing to send.
 */
public final class AuthApi {

    static final String REFRESH_COOKIE = "parley_refresh";
    static final String CSRF_COOKIE = "parley_csrf";
    /** Asks a login to answer the refresh token in the body too (a browser leaves it out and keeps the cookie only). */
    static final String REFRESH_TOKEN_HEADER = "X-Parley-Refresh-Token";

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
                Map.of("username", username, "password", password), Map.of(REFRESH_TOKEN_HEADER, "body")).orThrow(), clock);
    }

    /** Rotates the refresh token: use only the returned grant's from now on (a reused one revokes every session). */
    public TokenGrant refresh(TokenGrant current) {
        if (current.refreshToken() != null) {
            Map<String, String> body = new HashMap<>();
            body.put("refreshToken", current.refreshToken());
            return TokenGrant.from(http.exchange("POST", "/api/auth/refresh", body, Map.of()).orThrow(), clock);
        }
        Optional<String> csrf = cookie(CSRF_COOKIE);
        if (cookie(REFRESH_COOKIE).isEmpty() || csrf.isEmpty()) {
            throw new IllegalStateException("no refresh token: neither in the grant nor as a cookie; log in again");
        }
        return TokenGrant.from(http.exchange("POST", "/api/auth/refresh", null, Map.of("X-CSRF-Token", csrf.get())).orThrow(),
                clock);
    }

    private Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(http.uri("/api/auth/refresh")).stream()
                .filter(cookie -> cookie.getName().equals(name) && !cookie.hasExpired())
                .map(HttpCookie::getValue)
                .findFirst();
    }
}
