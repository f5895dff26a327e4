package parley.edge.token;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Rejects access tokens issued before their user's sessions were revoked (table
 * {@code user_session_cutoffs}, written by the command side). Each user's cutoff is cached for a
 * short while so that a token check is not a query; the node that revokes evicts its cache at once,
 * other command-side nodes on the Redis signal, a standalone query side when the entry ages out.
 */
public final class SessionCutoffs implements OAuth2TokenValidator<Jwt> {

    /** Past this many cached users the cache starts over rather than grow without bound. */
    private static final int MAX_CACHED_USERS = 100_000;

    private final JdbcClient jdbc;
    private final long cacheTtlNanos;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public SessionCutoffs(JdbcClient jdbc, Duration cacheTtl) {
        this.jdbc = jdbc;
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant issuedAt = token.getIssuedAt();
        UUID userId = parse(token.getSubject());
        if (issuedAt == null || userId == null) {
            return failure("the token has no issue time or no user");
        }
        Optional<Instant> notBefore = notBefore(userId);
        return notBefore.isPresent() && issuedAt.isBefore(notBefore.get())
                ? failure("the token was issued before its user's sessions were revoked")
                : OAuth2TokenValidatorResult.success();
    }

    public Optional<Instant> notBefore(UUID userId) {
        long now = System.nanoTime();
        Cached cached = cache.get(userId);
        if (cached != null && now - cached.loadedAt() < cacheTtlNanos) {
            return cached.notBefore();
        }
        if (cache.size() > MAX_CACHED_USERS) {
            cache.clear();
        }
        Optional<Instant> loaded = jdbc.sql("SELECT not_before FROM user_session_cutoffs WHERE user_id = :user")
                .param("user", userId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
        cache.put(userId, new Cached(loaded, now));
        return loaded;
    }

    /** Forgets the cached cutoff of a user whose sessions were just revoked. */
    public void evict(UUID userId) {
        cache.remove(userId);
    }

    private static UUID parse(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }

    private record Cached(Optional<Instant> notBefore, long loadedAt) {
    }
}
