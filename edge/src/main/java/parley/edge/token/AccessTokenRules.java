package parley.edge.token;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The claims every Parley access token must carry, checked identically by the command side and the
 * query side (the signature and its algorithm are the decoder's part). Spring's timestamp check
 * lets a token without {@code exp} through, so its presence is required here.
 */
public final class AccessTokenRules {

    private AccessTokenRules() {
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew, SessionCutoffs cutoffs) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                required(JwtClaimNames.EXP),
                required(JwtClaimNames.IAT),
                required(JwtClaimNames.SUB),
                required(JwtClaimNames.JTI),
                new JwtTimestampValidator(clockSkew),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                cutoffs));
    }

    private static OAuth2TokenValidator<Jwt> required(String claim) {
        return new JwtClaimValidator<Object>(claim, Objects::nonNull);
    }
}
