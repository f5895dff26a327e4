package parley.command.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import parley.edge.text.VisibleText;

/** Request and response bodies of {@code /api/auth}. */
final class AuthRequests {

    /** One form for a user name wherever a client sends one: nothing else can name a user. */
    private static final String USERNAME = "[A-Za-z0-9_.-]{3,32}";
    private static final String USERNAME_FORM = "must be 3 to 32 letters, digits, '_', '.' or '-'";

    private AuthRequests() {
    }

    record Register(
            @NotBlank @Pattern(regexp = USERNAME, message = USERNAME_FORM) String username,
            @NotBlank @Size(min = 8, max = 128) @PasswordBytes String password,
            @NotBlank @Size(max = 256) @VisibleText(max = 64) String displayName) {
    }

    record Registered(UUID userId) {
    }

    // A name that cannot exist is refused before it reaches the database or the login throttle's key
    // (a NUL would otherwise fail in PostgreSQL's text type).
    record Login(@NotBlank @Pattern(regexp = USERNAME, message = USERNAME_FORM) String username, @NotBlank @Size(max = 128) @PasswordBytes String password) {
    }

    /**
     * Login and refresh answers. The refresh token is always set as an HttpOnly cookie; the body
     * carries it only for a client that holds it itself (see {@link RefreshTokenDelivery}), never for
     * a browser, whose script must not be able to read it.
     */
    record LoggedIn(UUID userId, String accessToken, String tokenType, long expiresIn,
            @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken, long refreshExpiresIn) {
        static LoggedIn of(IssuedTokens tokens, boolean refreshTokenInBody) {
            return new LoggedIn(tokens.userId(), tokens.accessToken(), "Bearer", tokens.expiresIn(),
                    refreshTokenInBody ? tokens.refreshToken() : null, tokens.refreshExpiresIn());
        }
    }

    /** Body of refresh and logout for clients without cookies; browsers send no body. */
    record TokenBody(@Size(max = 256) String refreshToken) {
    }
}
