package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.auth.JwtProperties;
import parley.command.auth.SigningKeys;
import parley.command.device.DeviceDirectory;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Issue 12, point 4: a stolen access token must not enrol the thief's device. Enrolling, rotating and
 * revoking need a password login within {@code parley.devices.fresh-auth-max-age} (the token's
 * {@code auth_time}, which a refresh keeps), and every enrolment is announced to the user's other
 * sessions with the device it added. Old tokens are minted with the platform's real signing key, as
 * the server would have issued them then.
 */
@PlatformTest
class DeviceEnrolmentFreshAuthEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final String KEY_A = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_B = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String FRESH_AUTH_REQUIRED = "urn:parley:problem:fresh-authentication-required";

    @Autowired
    SigningKeys signingKeys;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    DeviceDirectory deviceDirectory;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-fresh-auth");
    }

    @Test
    void aTokenWhoseLoginIsOlderThanTheWindowCannotEnrolAndAFreshLoginCanAndIsAnnounced() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        try (StompTestClient otherSession = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            String stale = token(alice, Instant.now().minus(Duration.ofMinutes(6)));

            ParleyHttp.Response refused = http.put("/api/devices/thief", keys(), stale);

            assertFreshAuthRequired(refused);
            assertThat(http.put("/api/devices/thief", keys(), token(alice, null)).status())
                    .as("a token without auth_time is never fresh").isEqualTo(401);
            assertThat(deviceDirectory.currentDevices(alice.userId())).as("nothing was enrolled").isEmpty();

            ParleyHttp.Response enrolled = http.put("/api/devices/laptop", keys(), http.login(alice).body().get("accessToken").asText());

            assertThat(enrolled.status()).isEqualTo(201);
            JsonNode announced = otherSession.nextEvent(WAIT, deviceListChanged());
            assertThat(announced).as("the user's other session hears of the new device").isNotNull();
            assertThat(announced.get("userId").asText()).isEqualTo(alice.userId().toString());
            assertThat(announced.get("deviceId").asText()).isEqualTo("laptop");
            assertThat(announced.get("change").asText()).isEqualTo("KEYS_PUBLISHED");
            assertThat(otherSession.nextEvent(Duration.ofSeconds(1), event -> "thief".equals(event.path("deviceId").asText())))
                    .as("the refused enrolment was never announced").isNull();
        }
    }

    @Test
    void aRefreshKeepsTheLoginsAuthTimeSoARefreshedTokenPastTheWindowCannotEnrolOrRevoke() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        assertThat(http.put("/api/devices/laptop", keys(), alice.accessToken()).status()).isEqualTo(201);
        JsonNode login = http.login(alice).body();
        JsonNode refreshed = http.exchange("/api/auth/refresh", Map.of("refreshToken", login.get("refreshToken").asText()), Map.of())
                .body();

        assertThat(authTime(refreshed.get("accessToken").asText())).as("the refresh did not renew auth_time")
                .isEqualTo(authTime(login.get("accessToken").asText()));

        String stale = token(alice, Instant.now().minus(Duration.ofMinutes(30)));
        assertFreshAuthRequired(http.put("/api/devices/laptop", Map.of("agreementKey", KEY_B, "signingKey", KEY_A), stale));
        assertFreshAuthRequired(http.delete("/api/devices/laptop", stale));
        assertThat(http.put("/api/devices/laptop", keys(), stale).status())
                .as("re-publishing the same keys changes nothing, so a resumed session may").isEqualTo(200);
        assertThat(deviceDirectory.currentDevices(alice.userId())).extracting(DeviceDirectory.CurrentDevice::agreementKey)
                .as("neither rotated nor revoked").containsExactly(KEY_A);

        try (StompTestClient otherSession = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            assertThat(http.delete("/api/devices/laptop", refreshed.get("accessToken").asText()).status())
                    .as("within the window a refreshed token may revoke").isEqualTo(204);
            JsonNode announced = otherSession.nextEvent(WAIT, deviceListChanged());
            assertThat(announced).isNotNull();
            assertThat(announced.get("deviceId").asText()).isEqualTo("laptop");
            assertThat(announced.get("change").asText()).isEqualTo("REVOKED");
        }
    }

    private void assertFreshAuthRequired(ParleyHttp.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).hasToString("application/problem+json");
        assertThat(response.body().get("type").asText()).isEqualTo(FRESH_AUTH_REQUIRED);
        assertThat(response.body().get("maxAge").asLong()).isEqualTo(300);
        assertThat(response.headers().getFirst("WWW-Authenticate")).contains("error=\"insufficient_user_authentication\"",
                "max_age=300");
    }

    /** An access token as the platform issues it, for a login at {@code authTime} (none: no claim). */
    private String token(TestUser user, Instant authTime) throws Exception {
        RSAKey key = signingKeys.signingKey();
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(jwtProperties.issuer()).audience(jwtProperties.audience())
                .subject(user.userId().toString()).jwtID(UUID.randomUUID().toString()).claim("preferred_username", user.username())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Object authTime(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getClaim("auth_time");
    }

    private static Map<String, String> keys() {
        return Map.of("agreementKey", KEY_A, "signingKey", KEY_B);
    }

    private static Predicate<JsonNode> deviceListChanged() {
        return event -> "DeviceListChanged".equals(event.path("type").asText());
    }
}
