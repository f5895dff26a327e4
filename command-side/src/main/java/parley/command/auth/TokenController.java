package parley.command.auth;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.edge.apidocs.ApiDocs;
import parley.edge.clientip.ClientAddress;

/**
 * {@code /api/auth/refresh}, {@code /logout} and {@code /logout-all}. A token in the JSON body (a
 * client without cookies) needs nothing more; a token taken from a cookie needs the CSRF header, and
 * its successor is answered in the cookie only (see {@link RefreshTokenDelivery}).
 */
@RestController
class TokenController {

    private static final String BEARER = "Bearer ";

    private final SessionTokens sessionTokens;
    private final AuthCookies cookies;
    private final AccessTokens accessTokens;
    private final ClientAddress clientAddress;

    TokenController(SessionTokens sessionTokens, AuthCookies cookies, AccessTokens accessTokens, ClientAddress clientAddress) {
        this.sessionTokens = sessionTokens;
        this.cookies = cookies;
        this.accessTokens = accessTokens;
        this.clientAddress = clientAddress;
    }

    @PostMapping("/api/auth/refresh")
    @Parameter(in = ParameterIn.COOKIE, name = AuthCookies.REFRESH, schema = @Schema(type = "string"),
            description = "the refresh token, when the body has none")
    @Parameter(in = ParameterIn.HEADER, name = AuthCookies.CSRF_HEADER, schema = @Schema(type = "string"),
            description = "the parley_csrf cookie's value; needed when the token comes from the cookie")
    AuthRequests.LoggedIn refresh(@Valid @RequestBody(required = false) AuthRequests.TokenBody body, HttpServletRequest request,
            HttpServletResponse response) {
        String refreshToken = presentedRefreshToken(body, request)
                .orElseThrow(() -> SessionTokens.unauthorized("no refresh token in the body or the cookie"));
        IssuedTokens tokens = sessionTokens.refresh(refreshToken, clientAddress.of(request).getHostAddress());
        cookies.write(response, tokens);
        // Body in, body out: a token that came from the cookie goes back only into the cookie.
        return AuthRequests.LoggedIn.of(tokens, inBody(body));
    }

    @PostMapping("/api/auth/logout")
    @Parameter(in = ParameterIn.COOKIE, name = AuthCookies.REFRESH, schema = @Schema(type = "string"),
            description = "the refresh token, when the body has none")
    @Parameter(in = ParameterIn.HEADER, name = AuthCookies.CSRF_HEADER, schema = @Schema(type = "string"),
            description = "the parley_csrf cookie's value; needed when the token comes from the cookie")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody(required = false) AuthRequests.TokenBody body, HttpServletRequest request,
            HttpServletResponse response) {
        presentedRefreshToken(body, request).ifPresent(sessionTokens::logout);
        cookies.clear(response);
    }

    @PostMapping("/api/auth/logout-all")
    @SecurityRequirement(name = ApiDocs.BEARER)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutAll(HttpServletRequest request, HttpServletResponse response) {
        UUID userId = bearerUser(request).or(() -> cookieUser(request))
                .orElseThrow(() -> SessionTokens.unauthorized("a valid bearer access token is required"));
        sessionTokens.logoutEverywhere(userId);
        cookies.clear(response);
    }

    private static boolean inBody(AuthRequests.TokenBody body) {
        return body != null && body.refreshToken() != null && !body.refreshToken().isBlank();
    }

    /** The body's token, or else the cookie's after the CSRF check (a failed check changes nothing). */
    private Optional<String> presentedRefreshToken(AuthRequests.TokenBody body, HttpServletRequest request) {
        if (inBody(body)) {
            return Optional.of(body.refreshToken());
        }
        Optional<String> cookie = cookies.read(request, AuthCookies.REFRESH);
        cookie.ifPresent(present -> cookies.requireCsrf(request));
        return cookie;
    }

    private Optional<UUID> bearerUser(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(decodedUser(authorization.substring(BEARER.length()).trim())
                .orElseThrow(() -> SessionTokens.unauthorized("the access token is invalid")));
    }

    /** A browser proves who it is with its access or refresh cookie, and same-origin script with the CSRF header. */
    private Optional<UUID> cookieUser(HttpServletRequest request) {
        Optional<String> access = cookies.read(request, AuthCookies.ACCESS);
        Optional<String> refresh = cookies.read(request, AuthCookies.REFRESH);
        if (access.isEmpty() && refresh.isEmpty()) {
            return Optional.empty();
        }
        cookies.requireCsrf(request);
        return access.flatMap(this::decodedUser).or(() -> refresh.flatMap(sessionTokens::holderOf));
    }

    private Optional<UUID> decodedUser(String accessToken) {
        return accessTokens.verify(accessToken).map(jwt -> UUID.fromString(jwt.getSubject()));
    }
}
