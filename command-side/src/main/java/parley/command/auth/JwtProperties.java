package parley.command.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the {@code iss} of every access token
 * @param audience the {@code aud} of every access token
 * @param accessTokenTtl lifetime of an access token (15 minutes)
 * @param keyDirectory where the development signing key is generated on first start and kept
 *     (outside the repository); it seeds the shared key table when that has no key
 * @param privateKey production signing key as a JWK JSON (with its private part); when set, the key
 *     directory is not used, and a key not yet in the shared key table becomes the signing key
 * @param clockSkew how far past {@code exp} a token is still accepted (clocks of nodes differ)
 * @param rotationInterval how old the signing key may get before a node replaces it; zero switches
 *     scheduled rotation off
 * @param keyRefreshInterval how often a node re-reads the shared key table (and checks whether a
 *     rotation is due)
 * @param revocationCacheTtl how long a user's session cutoff is cached before it is read again
 */
@ConfigurationProperties("parley.jwt")
public record JwtProperties(String issuer, String audience, Duration accessTokenTtl, Path keyDirectory, String privateKey,
        Duration clockSkew, Duration rotationInterval, Duration keyRefreshInterval, Duration revocationCacheTtl) {

    /** An operator-supplied signing key is set (rather than the development key in the key directory). */
    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    /** How long a retired key stays published: until every token it signed has expired. */
    Duration retiredKeyRetention() {
        return accessTokenTtl.plus(clockSkew);
    }
}
