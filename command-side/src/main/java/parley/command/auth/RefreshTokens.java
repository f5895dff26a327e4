package parley.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens (256 random bits), stored only as their SHA-256. Each login starts a
 * family; {@link #rotate} retires the presented token and issues its successor in the same family.
 * The rotation is a conditional update, so of two refreshes racing with one token only one wins.
 */
@Component
class RefreshTokens {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    String startFamily(UUID userId) {
        return insert(userId, UUID.randomUUID());
    }

    /** What the store knows of a presented token, if anything. */
    Optional<Stored> find(String token) {
        return jdbc.sql("""
                SELECT family_id, user_id, expires_at, rotated_at IS NOT NULL AS rotated, revoked_at IS NOT NULL AS revoked
                FROM refresh_tokens WHERE token_hash = :hash""")
                .param("hash", hash(token))
                .query((rs, n) -> new Stored(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("rotated"), rs.getBoolean("revoked")))
                .optional();
    }

    /** Retires the token and returns its successor; empty if it was rotated or revoked meanwhile. */
    @Transactional
    Optional<String> rotate(String token, Stored stored) {
        int won = jdbc.sql("""
                UPDATE refresh_tokens SET rotated_at = :now
                WHERE token_hash = :hash AND rotated_at IS NULL AND revoked_at IS NULL""")
                .param("now", Timestamp.from(clock.instant()))
                .param("hash", hash(token))
                .update();
        return won == 1 ? Optional.of(insert(stored.userId(), stored.familyId())) : Optional.empty();
    }

    void revokeFamily(UUID familyId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("family", familyId).update();
    }

    void revokeAllOf(UUID userId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("user", userId).update();
    }

    long lifetimeSeconds() {
        return properties.refreshTokenTtl().toSeconds();
    }

    private String insert(UUID userId, UUID familyId) {
        String token = RandomTokens.next();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at)
                VALUES (:hash, :family, :user, :now, :expires)""")
                .param("hash", hash(token)).param("family", familyId).param("user", userId)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .update();
        return token;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    record Stored(UUID familyId, UUID userId, Instant expiresAt, boolean rotated, boolean revoked) {
        boolean usableAt(Instant now) {
            return !rotated && !revoked && expiresAt.isAfter(now);
        }
    }
}
