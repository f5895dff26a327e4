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

    record LoggedIn(UUID userId, String accessToken, String tokenType, long expiresIn) {
    }
}
