package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.auth.JwtProperties;
import parley.command.auth.SigningKeys;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * An attacker's attempts against the access and refresh tokens of the running platform. Every
 * forged access token must be refused by both doors: the query side's REST API and the command
 * side's STOMP CONNECT.
 */
@PlatformTest
class TokenAttackTest extends RunningPlatform {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "attack");
    }

    @Autowired
    SigningKeys signingKeys;
    @Autowired
    JwtProperties jwtProperties;

    TestUser victim;

    @BeforeEach
    void setUp() {
        victim = http.registerAndLogin("victim");
    }

    @Test
    void theGenuineTokenPassesBothDoors() throws Exception {
        assertThat(http.get("/api/chats", victim.accessToken()).status()).isEqualTo(200);
        try (StompTestClient client = StompTestClient.connect(wsUrl(), victim.accessToken())) {
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void theBrowsersAccessCookieAuthenticatesReadsAndNothingElse() throws Exception {
        String cookie = http.login(victim).cookieHeader("parley_access");
        HttpHeaders browser = new HttpHeaders();
        browser.add(HttpHeaders.COOKIE, cookie);
        assertThat(http.get("/api/chats", null, browser).status()).isEqualTo(200);
        assertThat(http.post("/api/chats", Map.of(), null, browser).status()).as("never for a write").isEqualTo(401);

        HttpHeaders forged = new HttpHeaders();
        forged.add(HttpHeaders.COOKIE, "parley_access=" + tamperedSubject(victim.accessToken(), UUID.randomUUID()));
        assertThat(http.get("/api/chats", null, forged).status()).isEqualTo(401);
    }

    @Test
    void forgedAccessTokensAreRefusedByTheQuerySideAndByStomp() throws Exception {
        RSAKey attackerKey = new RSAKeyGenerator(2048).generate();
        RSAKey realKey = signingKeys.signingKey();
        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("alg none", new PlainJWT(claims(UnaryOperator.identity())).serialize());
        forgeries.put("HS256 keyed with the RSA public key (DER)",
                hmac(realKey.toRSAPublicKey().getEncoded(), realKey.getKeyID()));
        forgeries.put("HS256 keyed with the public JWK JSON",
                hmac(realKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), realKey.getKeyID()));
        forgeries.put("payload tampered, signature kept", tamperedSubject(victim.accessToken(), UUID.randomUUID()));
        forgeries.put("expired beyond the clock skew", rsa(realKey, realKey.getKeyID(), claims(c -> c
                .issueTime(Date.from(Instant.now().minusSeconds(1200))).expirationTime(Date.from(Instant.now().minusSeconds(300))))));
        forgeries.put("unknown kid, fresh RSA key", rsa(attackerKey, "attacker-key", claims(UnaryOperator.identity())));
        forgeries.put("real kid, fresh RSA key", rsa(attackerKey, realKey.getKeyID(), claims(UnaryOperator.identity())));
        forgeries.put("attacker key embedded in the header", embeddedJwk(attackerKey));
        forgeries.put("wrong audience", rsa(realKey, realKey.getKeyID(), claims(c -> c.audience("another-service"))));
        forgeries.put("wrong issuer", rsa(realKey, realKey.getKeyID(), claims(c -> c.issuer("https://evil.example"))));
        forgeries.put("no exp", rsa(realKey, realKey.getKeyID(), claims(c -> c.expirationTime(null))));

        for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
            ParleyHttp.Response rest = http.get("/api/chats", forgery.getValue());
            assertThat(rest.status()).as("REST, " + forgery.getKey()).isEqualTo(401);
            assertThat(rest.contentType()).as("REST, " + forgery.getKey()).hasToString("application/problem+json");
            assertThat(StompTestClient.refusedConnect(wsUrl(), forgery.getValue())).as("STOMP, " + forgery.getKey())
                    .isEqualTo("invalid access token");
        }
    }

    @Test
    void aReusedRefreshTokenKillsItsFamilyAndTheAccessTokensIssuedSoFar() {
        JsonNode login = http.login(victim).body();
        String stolen = login.get("refreshToken").asText();
        // The victim's client refreshes twice: the stolen token's successor is used, so a replay is no retry.
        JsonNode legitimate = refresh(refresh(stolen).body().get("refreshToken").asText()).body();

        ParleyHttp.Exchange replay = refresh(stolen);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(refresh(legitimate.get("refreshToken").asText()).status()).as("the current successor is dead").isEqualTo(401);
        assertThat(refresh(stolen).status()).isEqualTo(401);
        assertThat(http.get("/api/chats", legitimate.get("accessToken").asText()).status())
                .as("access tokens issued before the reuse are refused by the query side").isEqualTo(401);
        assertThat(http.get("/api/chats", victim.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aCookieBorneRefreshWithoutTheCsrfHeaderIsRefusedAndChangesNothing() {
        ParleyHttp.Exchange browser = http.login(victim);
        String cookies = browser.cookieHeader("parley_refresh", "parley_csrf");

        ParleyHttp.Exchange forged = http.exchange("/api/auth/refresh", null, Map.of("Cookie", cookies));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).hasToString("application/problem+json");
        assertThat(http.exchange("/api/auth/refresh", null, Map.of("Cookie", cookies, "X-CSRF-Token", browser.cookie("parley_csrf")))
                .status()).as("the refresh token still works for its owner").isEqualTo(200);
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(jwtProperties.issuer())
                .audience(jwtProperties.audience())
                .subject(victim.userId().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))).build();
    }

    private String hmac(byte[] secret, String kid) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims(UnaryOperator.identity()));
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String rsa(RSAKey key, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String embeddedJwk(RSAKey attackerKey) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attackerKey.toPublicJWK()).build(),
                claims(UnaryOperator.identity()));
        jwt.sign(new RSASSASigner(attackerKey));
        return jwt.serialize();
    }

    private static String tamperedSubject(String token, UUID subject) throws Exception {
        String[] parts = token.split("\\.");
        JWTClaimsSet original = SignedJWT.parse(token).getJWTClaimsSet();
        JWTClaimsSet changed = new JWTClaimsSet.Builder(original).subject(subject.toString()).build();
        return parts[0] + "." + Base64URL.encode(changed.toString()) + "." + parts[2];
    }

    private ParleyHttp.Exchange refresh(String refreshToken) {
        return http.exchange("/api/auth/refresh", Map.of("refreshToken", refreshToken), Map.of());
    }
}
