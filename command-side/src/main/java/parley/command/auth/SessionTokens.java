package parley.command.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The token lifecycle: a login starts a refresh-token family; a refresh rotates the token in its
 * family; a rotated token presented again means it was copied, so all the user's sessions end,
 * unless it comes back within the short grace period while its successor is still unused.
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

    /** A password login: a new family, its access tokens carrying this moment as {@code auth_time}. */
    @Transactional
    public IssuedTokens start(UUID userId, String username) {
        Instant authenticatedAt = clock.instant();
        return issue(userId, username, refreshTokens.startFamily(userId, authenticatedAt), authenticatedAt);
    }

    /**
     * Answers 401 for an unknown, expired or revoked token, and for a reused one (after revoking
     * everything). A rotated token presented again within the grace period answers its successor
     * again, as long as that successor is unused: a retry whose answer was lost is not theft.
     */
    public IssuedTokens refresh(String refreshToken, String clientAddress) {
        RefreshTokens.Stored stored = refreshTokens.find(refreshToken).orElseThrow(SessionTokens::invalid);
        if (stored.revoked()) {
            throw invalid();
        }
        if (stored.rotated()) {
            return retried(refreshToken, stored, clientAddress);
        }
        if (!stored.usableAt(clock.instant())) {
            throw invalid();
        }
        String username = credentials.usernameOf(stored.userId()).orElseThrow(SessionTokens::invalid);
        Optional<String> successor = refreshTokens.rotate(refreshToken, stored);
        if (successor.isEmpty()) {
            // Another request rotated this token first: the same token used twice, a retry or a theft.
            return retried(refreshToken, refreshTokens.find(refreshToken).orElseThrow(SessionTokens::invalid), clientAddress);
        }
        return issue(stored.userId(), username, successor.get(), stored.authenticatedAt());
    }

    private IssuedTokens retried(String refreshToken, RefreshTokens.Stored stored, String clientAddress) {
        if (stored.revoked()) {
            throw invalid();
        }
        Optional<String> successor = refreshTokens.successorWithinGrace(refreshToken, stored);
        Optional<String> username = credentials.usernameOf(stored.userId());
        if (successor.isEmpty() || username.isEmpty()) {
            throw reused(stored, clientAddress);
        }
        events.refreshRetried(stored.userId(), stored.familyId(), clientAddress);
        return issue(stored.userId(), username.get(), successor.get(), stored.authenticatedAt());
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

    private IssuedTokens issue(UUID userId, String username, String refreshToken, Instant authenticatedAt) {
        return new IssuedTokens(userId, accessTokens.issue(userId, username, authenticatedAt), accessTokens.lifetimeSeconds(),
                refreshToken, refreshTokens.lifetimeSeconds());
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
