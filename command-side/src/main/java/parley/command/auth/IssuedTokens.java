package parley.command.auth;

import java.util.UUID;

/** An access token and the refresh token that renews it, as issued by a login or a refresh. */
record IssuedTokens(UUID userId, String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
}
