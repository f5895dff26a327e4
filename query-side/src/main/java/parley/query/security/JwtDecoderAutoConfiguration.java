package parley.query.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import parley.edge.token.AccessTokenRules;
import parley.edge.token.SessionCutoffs;
import parley.query.QueryProperties;

/**
 * Validates access tokens against the identity service's JWK set when the query side runs on its
 * own: RS256 only, the key chosen by {@code kid} among the published keys (an unknown kid makes the
 * decoder fetch the set again, which is how a key rotation reaches this side), and the same claim
 * and revocation rules as the command side. Revocation cutoffs are read from the primary database
 * (not the read replica, which may lag). An auto-configuration, so that where the command side runs
 * in the same process its decoder is used instead; and only where the query side runs, since the
 * platform's jar holds every service and may start the projections alone.
 */
@AutoConfiguration
@ConditionalOnBean(QueryProperties.class)
public class JwtDecoderAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwkSetJwtDecoder(QueryProperties properties, JdbcClient primary) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(AccessTokenRules.validator(properties.issuer(), properties.audience(), properties.clockSkew(),
                new SessionCutoffs(primary, properties.revocationCacheTtl())));
        return decoder;
    }
}
