package parley.command.auth;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer the {@code iss} of every access token
 * @param audience the {@code aud} of every access token
 * @param accessTokenTtl lifetime of an access token (15 minutes)
 * @param keyDirectory where the development signing key is generated on first start and kept
 *     (outside the repository)
 * @param privateKey production signing key as a JWK JSON (with its private part); when set, the key
 *     directory is not used
 */
@ConfigurationProperties("parley.jwt")
public record JwtProperties(String issuer, String audience, Duration accessTokenTtl, Path keyDirectory, String privateKey) {
}
