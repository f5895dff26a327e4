package parley.command.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import parley.edge.text.VisibleText;

/** Request and response bodies of {@code /api/auth}. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Register(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}", message = "must be 3 to 32 letters, digits, '_', '.' or '-'")
            String username,
            @NotBlank @Size(min = 8, max = 128) String password,
            @NotBlank @Size(max = 256) @VisibleText(max = 64) String displayName) {
    }

    record Registered(UUID userId) {
    }

    record Login(@NotBlank @Size(max = 32) String username, @NotBlank @Size(max = 128) String password) {
    }

    /**
     * Login and refresh answers. The refresh token is also set as an HttpOnly cookie for browsers; the
     * body carries it for clients without cookies.
     */
    record LoggedIn(UUID userId, String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
        static LoggedIn of(IssuedTokens tokens) {
            return new LoggedIn(tokens.userId(), tokens.accessToken(), "Bearer", tokens.expiresIn(), tokens.refreshToken(),
                    tokens.refreshExpiresIn());
        }
    }

    /** Body of refresh and logout for clients without cookies; browsers send no body. */
    record TokenBody(@Size(max = 256) String refreshToken) {
    }
}
