package parley.command.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The rotation is a conditional update, so of two refreshes racing with one token only one rotates;
 * the rotated row keeps its successor sealed under the rotated token (see {@link SuccessorSeal}),
 * so a retry within the grace window can be answered with that same successor.
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

    /** A login: a new family whose tokens remember when the password was given. */
    String startFamily(UUID userId, Instant authenticatedAt) {
        String token = RandomTokens.next();
        insert(token, userId, UUID.randomUUID(), authenticatedAt);
        return token;
    }

    /** What the store knows of a presented token, if anything. */
    Optional<Stored> find(String token) {
        return jdbc.sql("""
                SELECT family_id, user_id, expires_at, authenticated_at, rotated_at, revoked_at IS NOT NULL AS revoked,
                       successor_sealed
                FROM refresh_tokens WHERE token_hash = :hash""")
                .param("hash", hash(token))
                .query((rs, n) -> stored(rs))
                .optional();
    }

    /**
     * Retires the token and returns its successor; empty if it was rotated or revoked meanwhile. The
     * successor row and the rotated row's seal commit together, so whoever sees the rotation can
     * open the successor.
     */
    @Transactional
    Optional<String> rotate(String token, Stored stored) {
        String successor = RandomTokens.next();
        byte[] rotatedHash = hash(token);
        int won = jdbc.sql("""
                UPDATE refresh_tokens SET rotated_at = :now, successor_sealed = :sealed
                WHERE token_hash = :hash AND rotated_at IS NULL AND revoked_at IS NULL""")
                .param("now", Timestamp.from(clock.instant()))
                .param("sealed", SuccessorSeal.seal(token, rotatedHash, successor))
                .param("hash", rotatedHash)
                .update();
        if (won != 1) {
            return Optional.empty();
        }
        insert(successor, stored.userId(), stored.familyId(), stored.authenticatedAt());
        return Optional.of(successor);
    }

    /**
     * The successor of a token rotated at most the grace period ago, if that successor is still
     * unused, unrevoked and unexpired: then presenting the rotated token again is a retry, not theft.
     */
    Optional<String> successorWithinGrace(String token, Stored stored) {
        Instant now = clock.instant();
        if (stored.rotatedAt() == null || properties.refreshGracePeriod().isZero()
                || stored.rotatedAt().plus(properties.refreshGracePeriod()).isBefore(now)) {
            return Optional.empty();
        }
        return SuccessorSeal.open(token, hash(token), stored.successorSealed())
                .filter(successor -> find(successor).filter(next -> next.usableAt(now)).isPresent());
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

    private void insert(String token, UUID userId, UUID familyId, Instant authenticatedAt) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at, authenticated_at)
                VALUES (:hash, :family, :user, :now, :expires, :authenticated)""")
                .param("hash", hash(token)).param("family", familyId).param("user", userId)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .param("authenticated", authenticatedAt == null ? null : Timestamp.from(authenticatedAt))
                .update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("authenticated_at")),
                instant(rs.getTimestamp("rotated_at")), rs.getBoolean("revoked"), rs.getBytes("successor_sealed"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @param authenticatedAt the family's password login; null for families older than its recording
     * @param rotatedAt when the token was rotated; null while it is current
     */
    record Stored(UUID familyId, UUID userId, Instant expiresAt, Instant authenticatedAt, Instant rotatedAt, boolean revoked,
            byte[] successorSealed) {

        boolean rotated() {
            return rotatedAt != null;
        }

        boolean usableAt(Instant now) {
            return !rotated() && !revoked && expiresAt.isAfter(now);
        }
    }
}
