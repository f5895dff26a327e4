package parley.command.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import parley.edge.token.AccessTokenRules;
import parley.edge.token.SessionCutoffs;

@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signingSource());
    }

    @Bean
    SessionCutoffs sessionCutoffs(JdbcClient jdbc, JwtProperties properties) {
        return new SessionCutoffs(jdbc, properties.revocationCacheTtl());
    }

    /**
     * Validates with the published keys, chosen by {@code kid}, for RS256 only (so neither
     * {@code alg:none} nor an HMAC keyed with a public key passes), then the claims every access
     * token needs, and that the user's sessions were not revoked after it was issued. The query side
     * uses this decoder too when both run in one process.
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, JwtProperties properties, SessionCutoffs cutoffs) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.verificationSource()));
        // The claims are Spring's validators' job, below.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(AccessTokenRules.validator(properties.issuer(), properties.audience(), properties.clockSkew(), cutoffs));
        return decoder;
    }
}
