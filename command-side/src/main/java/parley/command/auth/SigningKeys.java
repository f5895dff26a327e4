package parley.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import parley.command.DaemonThreads;

/**
 * The RS256 keys that sign access tokens, shared by every command-side node through the table
 * {@code jwt_signing_keys}: the newest unretired key signs, and a retired key stays in the published
 * JWK set until every token it signed has expired. Nodes re-read the table periodically and when a
 * token names a key they do not know yet, so a rotation on one node is honoured by all.
 */
@Component
@DependsOn("commandSideFlyway")
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Serializes seeding and rotation across nodes (any constant unique to this table). */
    private static final long KEY_TABLE_LOCK = 0x7061726c65794bL;
    /**
     * Unknown {@code kid}s re-read the table at most this often, so forged kids cannot flood it. (A
     * key rotated in on another node within this time after such a re-read is accepted a moment later.)
     */
    private static final Duration UNKNOWN_KID_RELOAD_INTERVAL = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JwtProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = DaemonThreads.singleScheduler("jwt-signing-keys");
    private volatile KeyRing ring;
    private final AtomicReference<Instant> lastUnknownKidReload = new AtomicReference<>(Instant.EPOCH);

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, JwtProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        seed(ConfiguredKey.load(properties));
        reload();
        long period = properties.keyRefreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.MILLISECONDS);
    }

    /** The key that signs new tokens. */
    public RSAKey signingKey() {
        return ring.signing();
    }

    /** The public halves of every key whose tokens may still be valid: the JWKS document. */
    public JWKSet publicKeys() {
        return ring.published().toPublicJWKSet();
    }

    /** Replaces the signing key now; the previous key stays published until its tokens expired. */
    public void rotate() {
        RSAKey fresh = generate();
        transactions.executeWithoutResult(status -> {
            lockTable();
            activate(fresh);
        });
        log.info("Rotated the JWT signing key; now signing with {}", fresh.getKeyID());
        reload();
    }

    /** Private keys by kid, for the encoder (the header names the signing key's kid). */
    JWKSource<SecurityContext> signingSource() {
        return (selector, context) -> selector.select(ring.published());
    }

    /** Public keys by kid, for the decoder; an unknown kid re-reads the table once (another node rotated). */
    JWKSource<SecurityContext> verificationSource() {
        return (selector, context) -> {
            List<JWK> found = selector.select(publicKeys());
            if (found.isEmpty() && unknownKidReloadAllowed()) {
                reload();
                found = selector.select(publicKeys());
            }
            return found;
        };
    }

    private boolean unknownKidReloadAllowed() {
        Instant now = clock.instant();
        Instant last = lastUnknownKidReload.get();
        return last.plus(UNKNOWN_KID_RELOAD_INTERVAL).isBefore(now) && lastUnknownKidReload.compareAndSet(last, now);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void maintain() {
        try {
            Duration interval = properties.rotationInterval();
            if (!interval.isZero() && !ring.signingActivatedAt().plus(interval).isAfter(clock.instant())) {
                rotateIfStillDue(interval);
            }
            reload();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the JWT signing keys; keeping the ones loaded", e);
        }
    }

    /** Another node may have rotated meanwhile: decide again under the table lock. */
    private void rotateIfStillDue(Duration interval) {
        RSAKey fresh = generate();
        boolean rotated = Boolean.TRUE.equals(transactions.execute(status -> {
            lockTable();
            Instant newest = jdbc.sql("SELECT max(activated_at) FROM jwt_signing_keys WHERE retired_at IS NULL")
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(Instant.EPOCH);
            if (newest.plus(interval).isAfter(clock.instant())) {
                return false;
            }
            activate(fresh);
            return true;
        }));
        if (rotated) {
            log.info("Scheduled JWT signing key rotation; now signing with {}", fresh.getKeyID());
        }
    }

    /** The configured key joins the table once; a key new to the table becomes the signing key. */
    private void seed(RSAKey configured) {
        transactions.executeWithoutResult(status -> {
            lockTable();
            boolean known = jdbc.sql("SELECT count(*) FROM jwt_signing_keys WHERE kid = :kid")
                    .param("kid", configured.getKeyID()).query(Long.class).single() > 0;
            boolean empty = jdbc.sql("SELECT count(*) FROM jwt_signing_keys").query(Long.class).single() == 0;
            if (!known && (empty || properties.hasPrivateKey())) {
                activate(configured);
            }
        });
    }

    private void activate(RSAKey key) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE jwt_signing_keys SET retired_at = :now WHERE retired_at IS NULL")
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("INSERT INTO jwt_signing_keys (kid, jwk, activated_at) VALUES (:kid, :jwk, :now)")
                .param("kid", key.getKeyID()).param("jwk", key.toJSONString()).param("now", Timestamp.from(now)).update();
        // A key whose tokens have all expired is of no use and should not linger anywhere.
        jdbc.sql("DELETE FROM jwt_signing_keys WHERE retired_at < :expired")
                .param("expired", Timestamp.from(now.minus(properties.retiredKeyRetention()))).update();
    }

    private void lockTable() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", KEY_TABLE_LOCK).query(Object.class).optional();
    }

    private synchronized void reload() {
        Instant now = clock.instant();
        List<StoredKey> keys = jdbc.sql("""
                SELECT jwk, activated_at, retired_at FROM jwt_signing_keys
                WHERE retired_at IS NULL OR retired_at > :oldest ORDER BY activated_at DESC""")
                .param("oldest", Timestamp.from(now.minus(properties.retiredKeyRetention())))
                .query((rs, n) -> new StoredKey(parse(rs.getString("jwk")), rs.getTimestamp("activated_at").toInstant(),
                        rs.getTimestamp("retired_at") != null))
                .list();
        StoredKey signing = keys.stream().filter(key -> !key.retired()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the JWT signing key table has no active key"));
        ring = new KeyRing(signing.key(), signing.activatedAt(), new JWKSet(keys.stream().map(key -> (JWK) key.key()).toList()));
    }

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a JWT signing key", e);
        }
    }

    static RSAKey parse(String json) {
        try {
            RSAKey key = RSAKey.parse(json);
            if (!key.isPrivate()) {
                throw new IllegalStateException("a JWT signing key must include its private part");
            }
            return key.getKeyID() != null ? key
                    : new RSAKey.Builder(key).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (ParseException e) {
            throw new IllegalStateException("a JWT signing key is not a valid RSA JWK", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the JWT signing key's id", e);
        }
    }

    private record StoredKey(RSAKey key, Instant activatedAt, boolean retired) {
    }

    private record KeyRing(RSAKey signing, Instant signingActivatedAt, JWKSet published) {
    }
}
