package parley.command.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The token lifecycle: a login starts a refresh-token family; a refresh rotates the token in its
 * family; a rotated token presented again means it was copied, so all the user's sessions end.
 */
@Service
class SessionTokens {

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Credentials credentials;
    private final SessionRevocation revocation;
    private final SecurityEvents events;
    private final Clock clock;

    SessionTokens(AccessTokens accessTokens, RefreshTokens refreshTokens, Credentials credentials, SessionRevocation revocation,
            SecurityEvents events, Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.credentials = credentials;
        this.revocation = revocation;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public IssuedTokens start(UUID userId, String username) {
        return issue(userId, username, refreshTokens.startFamily(userId));
    }

    /** Answers 401 for an unknown, expired or revoked token, and for a reused one (after revoking everything). */
    public IssuedTokens refresh(String refreshToken, String clientAddress) {
        RefreshTokens.Stored stored = refreshTokens.find(refreshToken).orElseThrow(SessionTokens::invalid);
        if (stored.rotated() && !stored.revoked()) {
            throw reused(stored, clientAddress);
        }
        if (!stored.usableAt(clock.instant())) {
            throw invalid();
        }
        String username = credentials.usernameOf(stored.userId()).orElseThrow(SessionTokens::invalid);
        Optional<String> successor = refreshTokens.rotate(refreshToken, stored);
        // Losing the race means another request rotated this token first: the same token used twice.
        return issue(stored.userId(), username, successor.orElseThrow(() -> reused(stored, clientAddress)));
    }

    public void logout(String refreshToken) {
        refreshTokens.find(refreshToken).ifPresent(stored -> refreshTokens.revokeFamily(stored.familyId()));
    }

    public void logoutEverywhere(UUID userId) {
        revocation.revokeAll(userId);
    }

    /** The user a presented refresh token belongs to, if it is still usable. */
    public Optional<UUID> holderOf(String refreshToken) {
        return refreshTokens.find(refreshToken).filter(stored -> stored.usableAt(clock.instant())).map(RefreshTokens.Stored::userId);
    }

    private IssuedTokens issue(UUID userId, String username, String refreshToken) {
        return new IssuedTokens(userId, accessTokens.issue(userId, username), accessTokens.lifetimeSeconds(), refreshToken,
                refreshTokens.lifetimeSeconds());
    }

    private ErrorResponseException reused(RefreshTokens.Stored stored, String clientAddress) {
        events.refreshTokenReused(stored.userId(), stored.familyId(), clientAddress);
        revocation.revokeAll(stored.userId());
        return unauthorized("the refresh token was already used; every session of this user has been ended");
    }

    private static ErrorResponseException invalid() {
        return unauthorized("the refresh token is invalid, expired or revoked");
    }

    static ErrorResponseException unauthorized(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Invalid token");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }
}
