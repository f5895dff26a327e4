package parley.command.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/** Issues RS256 access tokens whose subject is the user id, and verifies those presented outside Spring Security's filters. */
@Component
public class AccessTokens {

    private final JwtEncoder encoder;
    private final JwtDecoder decoder;
    private final SigningKeys keys;
    private final JwtProperties properties;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, JwtDecoder decoder, SigningKeys keys, JwtProperties properties, Clock clock) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claim name (OpenID Connect Core): when the user last gave their password, in epoch seconds. */
    public static final String AUTH_TIME = "auth_time";

    /**
     * @param authenticatedAt the password login this token descends from (its {@code auth_time});
     *     null for a session older than that record, whose tokens then never count as fresh
     */
    public String issue(UUID userId, String username, Instant authenticatedAt) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(java.util.List.of(properties.audience()))
                .subject(userId.toString())
                .claim("preferred_username", username)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()));
        if (authenticatedAt != null) {
            claims.claim(AUTH_TIME, authenticatedAt.getEpochSecond());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.signingKey().getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /**
     * The token if it passes every check of the decoder (signature, claims, revocation cutoff) and
     * names a user; empty otherwise. For STOMP frames and token endpoints, which Spring Security's
     * resource-server filter does not cover.
     */
    public Optional<Jwt> verify(String token) {
        try {
            return Optional.of(decoder.decode(token)).filter(AccessTokens::namesAUser);
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean namesAUser(Jwt jwt) {
        try {
            UUID.fromString(String.valueOf(jwt.getSubject()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** When the token's user last gave their password, if the token says. */
    public static Optional<Instant> authTime(Jwt jwt) {
        return jwt.getClaim(AUTH_TIME) instanceof Number seconds ? Optional.of(Instant.ofEpochSecond(seconds.longValue()))
                : Optional.empty();
    }

    public long lifetimeSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}
