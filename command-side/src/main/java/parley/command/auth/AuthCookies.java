package parley.command.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.util.WebUtils;
import parley.edge.clientip.ClientAddress;
import parley.edge.token.AccessTokenCookie;

/**
 * The browser's side of the tokens. Both tokens are HttpOnly cookies (script cannot read them),
 * SameSite=Strict, Secure unless switched off for plain-HTTP development; the refresh cookie is
 * only sent to {@code /api/auth}. Because a cookie is sent whoever triggers the request, calls that
 * a cookie authenticates must also prove same-origin script (double submit): the readable
 * {@code parley_csrf} cookie copied into the {@code X-CSRF-Token} header.
 */
@Component
class AuthCookies {

    static final String ACCESS = AccessTokenCookie.NAME;
    static final String REFRESH = "parley_refresh";
    static final String CSRF = "parley_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String REFRESH_PATH = "/api/auth";

    private final AuthProperties properties;
    private final SecurityEvents events;
    private final ClientAddress clientAddress;

    AuthCookies(AuthProperties properties, SecurityEvents events, ClientAddress clientAddress) {
        this.properties = properties;
        this.events = events;
        this.clientAddress = clientAddress;
    }

    void write(HttpServletResponse response, IssuedTokens tokens) {
        add(response, cookie(ACCESS, tokens.accessToken(), "/", true, Duration.ofSeconds(tokens.expiresIn())));
        add(response, cookie(REFRESH, tokens.refreshToken(), REFRESH_PATH, true, Duration.ofSeconds(tokens.refreshExpiresIn())));
        add(response, cookie(CSRF, RandomTokens.next(), "/", false,
                Duration.ofSeconds(tokens.refreshExpiresIn())));
    }

    void clear(HttpServletResponse response) {
        add(response, cookie(ACCESS, "", "/", true, Duration.ZERO));
        add(response, cookie(REFRESH, "", REFRESH_PATH, true, Duration.ZERO));
        add(response, cookie(CSRF, "", "/", false, Duration.ZERO));
    }

    Optional<String> read(HttpServletRequest request, String name) {
        return Optional.ofNullable(WebUtils.getCookie(request, name)).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    /** A cookie-authenticated call must carry the CSRF cookie's value in its header; else 403 and nothing happens. */
    void requireCsrf(HttpServletRequest request) {
        String header = request.getHeader(CSRF_HEADER);
        Optional<String> cookie = read(request, CSRF);
        boolean matches = header != null && cookie.isPresent()
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.get().getBytes(StandardCharsets.UTF_8));
        if (!matches) {
            events.csrfRejected(request.getRequestURI(), clientAddress.of(request).getHostAddress());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "a call authenticated by cookie needs the " + CSRF_HEADER + " header equal to the " + CSRF + " cookie");
            problem.setTitle("CSRF check failed");
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
        }
    }

    private ResponseCookie cookie(String name, String value, String path, boolean httpOnly, Duration maxAge) {
        return ResponseCookie.from(name, value).path(path).httpOnly(httpOnly).secure(properties.cookies().secure())
                .sameSite("Strict").maxAge(maxAge).build();
    }

    private static void add(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
