package parley.command.auth;

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
import parley.local.Patience;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * The token lifecycle over real HTTP and STOMP against the real PostgreSQL and Redis: login cookies,
 * refresh rotation and reuse detection, CSRF on cookie-borne calls, logout, logout-all, and
 * signing-key rotation.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenLifecycleIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));
    private static final String REFRESH = "/api/auth/refresh";
    /** parley.auth.refresh-grace-period's default. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "tokens");
    }

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys signingKeys;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    JdbcClient jdbc;

    ParleyHttp http;

    @BeforeEach
    void setUp() {
        http = new ParleyHttp("http://127.0.0.1:" + port);
    }

    @Test
    void loginSetsHttpOnlyStrictCookiesAndAnswersBothTokens() {
        ParleyHttp.Exchange login = http.login(http.registerAndLogin("cookies"));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.setCookie("parley_access")).contains("Path=/;", "HttpOnly", "Secure", "SameSite=Strict");
        assertThat(login.setCookie("parley_refresh")).contains("Path=/api/auth", "HttpOnly", "Secure", "SameSite=Strict",
                "Max-Age=" + Duration.ofDays(14).toSeconds());
        assertThat(login.setCookie("parley_csrf")).contains("Path=/", "Secure", "SameSite=Strict").doesNotContain("HttpOnly");
        assertThat(login.body().get("accessToken").asText()).isEqualTo(login.cookie("parley_access"));
        assertThat(login.body().get("refreshToken").asText()).isEqualTo(login.cookie("parley_refresh"))
                .as("256 random bits, base64url").hasSize(43);
        assertThat(login.body().get("refreshExpiresIn").asLong()).isEqualTo(Duration.ofDays(14).toSeconds());
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = sha256(convert_to(:token, 'UTF8'))")
                .param("token", login.cookie("parley_refresh")).query(Long.class).single())
                .as("only the hash is stored").isEqualTo(1);
    }

    @Test
    void aRefreshRotatesTheTokenWithinItsFamily() {
        JsonNode login = http.login(http.registerAndLogin("rotate")).body();

        ParleyHttp.Exchange first = refreshByBody(login.get("refreshToken").asText());
        ParleyHttp.Exchange second = refreshByBody(first.body().get("refreshToken").asText());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(List.of(login, first.body(), second.body())).extracting(body -> body.get("refreshToken").asText())
                .doesNotHaveDuplicates();
        assertThat(second.body().get("accessToken").asText()).isNotEqualTo(first.body().get("accessToken").asText());
        assertThat(second.setCookie("parley_refresh")).contains(second.body().get("refreshToken").asText());
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE family_id = "
                        + "(SELECT family_id FROM refresh_tokens WHERE token_hash = sha256(convert_to(:first, 'UTF8')))")
                .param("first", login.get("refreshToken").asText()).query(Long.class).single())
                .as("the three tokens form one family").isEqualTo(3);
    }

    @Test
    void reusingARotatedTokenEndsEverySessionOfTheUser() throws Exception {
        TestUser user = http.registerAndLogin("reuse");
        String otherFamily = http.login(user).body().get("refreshToken").asText();
        String stolen = http.login(user).body().get("refreshToken").asText();
        JsonNode rotated = refreshByBody(stolen).body();
        try (StompTestClient open = StompTestClient.connect(wsUrl(), rotated.get("accessToken").asText())) {
            rotatedLongAgo(stolen, GRACE.plusSeconds(1));

            ParleyHttp.Exchange reuse = refreshByBody(stolen);

            assertThat(reuse.status()).isEqualTo(401);
            assertThat(reuse.contentType()).hasToString("application/problem+json");
            assertThat(refreshByBody(rotated.get("refreshToken").asText()).status()).as("the successor is dead too").isEqualTo(401);
            assertThat(refreshByBody(otherFamily).status()).as("and the user's other families").isEqualTo(401);
            assertThat(open.nextError(WAIT)).isEqualTo("session revoked");
            assertThat(StompTestClient.refusedConnect(wsUrl(), rotated.get("accessToken").asText())).isNotBlank();
            assertThat(StompTestClient.refusedConnect(wsUrl(), user.accessToken())).isNotBlank();
            assertThat(http.exchange("/api/auth/logout-all", null, Map.of("Authorization", "Bearer " + user.accessToken())).status())
                    .isEqualTo(401);
        }
    }

    @Test
    void twoRefreshesRacingWithOneTokenRotateItOnceAndBothGetTheSameSuccessor() throws Exception {
        String token = http.login(http.registerAndLogin("race")).body().get("refreshToken").asText();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<ParleyHttp.Exchange> refresh = () -> refreshByBody(token);
            List<Future<ParleyHttp.Exchange>> results = pool.invokeAll(List.of(refresh, refresh));
            ParleyHttp.Exchange first = results.get(0).get();
            ParleyHttp.Exchange second = results.get(1).get();
            assertThat(List.of(first.status(), second.status())).containsOnly(200);
            assertThat(second.body().get("refreshToken").asText()).as("one rotation, one successor")
                    .isEqualTo(first.body().get("refreshToken").asText());
            assertThat(familySize(token)).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryWithinTheGracePeriodAnswersTheSameSuccessorAndKeepsTheUserLoggedIn() throws Exception {
        TestUser user = http.registerAndLogin("grace-retry");
        String otherDevice = http.login(user).body().get("refreshToken").asText();
        String token = http.login(user).body().get("refreshToken").asText();
        String successor = refreshByBody(token).body().get("refreshToken").asText(); // this answer was "lost"

        ParleyHttp.Exchange retry = refreshByBody(token);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("refreshToken").asText()).as("the same successor, not a second one").isEqualTo(successor);
        assertThat(familySize(token)).isEqualTo(2);
        try (StompTestClient open = StompTestClient.connect(wsUrl(), retry.body().get("accessToken").asText())) {
            assertThat(open.isConnected()).as("nothing was revoked").isTrue();
        }
        assertThat(refreshByBody(successor).status()).as("the successor works").isEqualTo(200);
        assertThat(refreshByBody(otherDevice).status()).as("and so do the user's other sessions").isEqualTo(200);
    }

    @Test
    void aReplayAfterTheSuccessorWasUsedIsReuseEvenWithinTheGracePeriod() {
        TestUser user = http.registerAndLogin("grace-used");
        String token = http.login(user).body().get("refreshToken").asText();
        String successor = refreshByBody(token).body().get("refreshToken").asText();
        String next = refreshByBody(successor).body().get("refreshToken").asText();

        assertThat(refreshByBody(token).status()).isEqualTo(401);
        assertThat(refreshByBody(next).status()).as("every session of the user ended").isEqualTo(401);
    }

    @Test
    void reuseAfterTheGracePeriodRevokesEverySession() {
        TestUser user = http.registerAndLogin("grace-over");
        String otherDevice = http.login(user).body().get("refreshToken").asText();
        String token = http.login(user).body().get("refreshToken").asText();
        String successor = refreshByBody(token).body().get("refreshToken").asText();
        rotatedLongAgo(token, GRACE.plusSeconds(1));

        assertThat(refreshByBody(token).status()).isEqualTo(401);
        assertThat(refreshByBody(successor).status()).isEqualTo(401);
        assertThat(refreshByBody(otherDevice).status()).isEqualTo(401);
        assertThat(http.exchange("/api/auth/logout-all", null, Map.of("Authorization", "Bearer " + user.accessToken())).status())
                .as("access tokens issued so far are refused").isEqualTo(401);
    }

    @Test
    void theSuccessorIsStoredOnlySealedUnderTheRotatedToken() {
        String token = http.login(http.registerAndLogin("sealed")).body().get("refreshToken").asText();
        String successor = refreshByBody(token).body().get("refreshToken").asText();

        byte[] sealed = jdbc.sql("SELECT successor_sealed FROM refresh_tokens WHERE token_hash = sha256(convert_to(:token, 'UTF8'))")
                .param("token", token).query(byte[].class).single();

        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(successor);
        assertThat(SuccessorSeal.open(successor, new byte[32], sealed)).as("another token cannot open it").isEmpty();
    }

    @Test
    void aBrowserGetsTheRefreshTokenOnlyAsACookieFromLoginAndRefresh() {
        TestUser user = http.registerAndLogin("browser");
        ParleyHttp.Exchange login = http.browserLogin(user);
        String cookies = login.cookieHeader("parley_refresh", "parley_csrf");

        ParleyHttp.Exchange refresh = http.exchange(REFRESH, null, Map.of("Cookie", cookies,
                "X-CSRF-Token", login.cookie("parley_csrf"), "X-Parley-Refresh-Token", "body"));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().has("refreshToken")).as("login body").isFalse();
        assertThat(login.body().get("accessToken").asText()).isNotBlank();
        assertThat(login.cookie("parley_refresh")).hasSize(43);
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.body().has("refreshToken")).as("a cookie refresh answers in the cookie only, whatever it asks")
                .isFalse();
        assertThat(refresh.cookie("parley_refresh")).hasSize(43).isNotEqualTo(login.cookie("parley_refresh"));
        assertThat(http.login(user).body().get("refreshToken").asText()).as("a client that asks gets it").hasSize(43);
    }

    @Test
    void aRefreshKeepsTheAuthTimeOfThePasswordLogin() throws Exception {
        TestUser user = http.registerAndLogin("auth-time");
        JsonNode login = http.login(user).body();
        Instant longAgo = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        jdbc.sql("UPDATE refresh_tokens SET authenticated_at = :at WHERE token_hash = sha256(convert_to(:token, 'UTF8'))")
                .param("at", java.sql.Timestamp.from(longAgo)).param("token", login.get("refreshToken").asText()).update();

        JsonNode refreshed = refreshByBody(login.get("refreshToken").asText()).body();

        Object loginAuthTime = SignedJWT.parse(login.get("accessToken").asText()).getJWTClaimsSet().getClaim("auth_time");
        assertThat(((Number) loginAuthTime).longValue()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(SignedJWT.parse(refreshed.get("accessToken").asText()).getJWTClaimsSet().getClaim("auth_time"))
                .as("the family's login, not the refresh").isEqualTo(longAgo.getEpochSecond());
    }

    @Test
    void aCookieBorneRefreshNeedsTheCsrfHeaderAndAFailedCheckChangesNothing() {
        ParleyHttp.Exchange login = http.login(http.registerAndLogin("csrf"));
        String cookies = login.cookieHeader("parley_refresh", "parley_csrf");

        ParleyHttp.Exchange withoutHeader = http.exchange(REFRESH, null, Map.of("Cookie", cookies));
        ParleyHttp.Exchange wrongHeader = http.exchange(REFRESH, null, Map.of("Cookie", cookies, "X-CSRF-Token", "guess"));
        ParleyHttp.Exchange rightHeader = http.exchange(REFRESH, null,
                Map.of("Cookie", cookies, "X-CSRF-Token", login.cookie("parley_csrf")));

        assertThat(withoutHeader.status()).isEqualTo(403);
        assertThat(withoutHeader.contentType()).hasToString("application/problem+json");
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(rightHeader.status()).as("the token was neither rotated nor revoked by the refused calls").isEqualTo(200);
        assertThat(rightHeader.cookie("parley_csrf")).as("a fresh CSRF token with the fresh refresh token")
                .isNotEqualTo(login.cookie("parley_csrf"));
    }

    @Test
    void logoutEndsThePresentedFamilyOnlyAndClearsTheCookies() {
        TestUser user = http.registerAndLogin("logout");
        String kept = http.login(user).body().get("refreshToken").asText();
        ParleyHttp.Exchange browser = http.login(user);

        ParleyHttp.Exchange logout = http.exchange("/api/auth/logout", null, Map.of(
                "Cookie", browser.cookieHeader("parley_refresh", "parley_csrf"), "X-CSRF-Token", browser.cookie("parley_csrf")));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.setCookie("parley_refresh")).contains("Max-Age=0", "Path=/api/auth");
        assertThat(logout.setCookie("parley_access")).contains("Max-Age=0");
        assertThat(refreshByBody(browser.cookie("parley_refresh")).status()).isEqualTo(401);
        assertThat(refreshByBody(kept).status()).as("another device's login is untouched").isEqualTo(200);

        String bodyBorne = http.login(user).body().get("refreshToken").asText();
        assertThat(http.exchange("/api/auth/logout", Map.of("refreshToken", bodyBorne), Map.of()).status()).isEqualTo(204);
        assertThat(refreshByBody(bodyBorne).status()).isEqualTo(401);
    }

    @Test
    void logoutAllEndsEveryFamilyAccessTokenAndOpenSession() throws Exception {
        TestUser user = http.registerAndLogin("logout-all");
        String phone = http.login(user).body().get("refreshToken").asText();
        String laptop = http.login(user).body().get("refreshToken").asText();
        try (StompTestClient open = StompTestClient.connect(wsUrl(), user.accessToken())) {

            assertThat(http.exchange("/api/auth/logout-all", null, Map.of()).status()).as("needs a token").isEqualTo(401);
            ParleyHttp.Exchange logoutAll = http.exchange("/api/auth/logout-all", null,
                    Map.of("Authorization", "Bearer " + user.accessToken()));

            assertThat(logoutAll.status()).isEqualTo(204);
            assertThat(refreshByBody(phone).status()).isEqualTo(401);
            assertThat(refreshByBody(laptop).status()).isEqualTo(401);
            assertThat(open.nextError(WAIT)).isEqualTo("session revoked");
            assertThat(StompTestClient.refusedConnect(wsUrl(), user.accessToken())).isNotBlank();
        }
    }

    @Test
    void logoutAllByCookieNeedsTheCsrfHeader() {
        TestUser user = http.registerAndLogin("logout-all-cookie");
        ParleyHttp.Exchange browser = http.login(user);
        String cookies = browser.cookieHeader("parley_access", "parley_refresh", "parley_csrf");

        assertThat(http.exchange("/api/auth/logout-all", null, Map.of("Cookie", cookies)).status()).isEqualTo(403);
        assertThat(refreshByBody(browser.cookie("parley_refresh")).status()).as("nothing was revoked").isEqualTo(200);
    }

    @Test
    void aTokenSignedByThePreviousKeyStaysValidAfterARotation() throws Exception {
        TestUser user = http.registerAndLogin("rotation");
        String previousKid = signingKeys.signingKey().getKeyID();

        signingKeys.rotate();

        String currentKid = signingKeys.signingKey().getKeyID();
        assertThat(currentKid).isNotEqualTo(previousKid);
        JsonNode jwks = http.get("/.well-known/jwks.json", null).body();
        assertThat(jwks.get("keys").findValuesAsText("kid")).contains(previousKid, currentKid);
        assertThat(jwks.get("keys").findValues("d")).as("no private part published").isEmpty();
        try (StompTestClient old = StompTestClient.connect(wsUrl(), user.accessToken())) {
            assertThat(old.isConnected()).isTrue();
        }
        String fresh = http.login(user).body().get("accessToken").asText();
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(currentKid);
        try (StompTestClient current = StompTestClient.connect(wsUrl(), fresh)) {
            assertThat(current.isConnected()).isTrue();
        }
    }

    @Test
    void aTokenNamingAnUnpublishedKeyIsRefused() throws Exception {
        TestUser user = http.registerAndLogin("unknown-kid");
        RSAKey foreign = SigningKeys.generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(jwtProperties.issuer()).audience(jwtProperties.audience())
                .subject(user.userId().toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-published")
                .type(JOSEObjectType.JWT).build(), claims);
        forged.sign(new RSASSASigner(foreign));

        assertThat(StompTestClient.refusedConnect(wsUrl(), forged.serialize())).isNotBlank();
    }

    /** As if the token had been rotated this long ago (the clock cannot be moved under a running server). */
    private void rotatedLongAgo(String token, Duration age) {
        jdbc.sql("UPDATE refresh_tokens SET rotated_at = :at WHERE token_hash = sha256(convert_to(:token, 'UTF8'))")
                .param("at", java.sql.Timestamp.from(Instant.now().minus(age))).param("token", token).update();
    }

    private long familySize(String token) {
        return jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE family_id = "
                        + "(SELECT family_id FROM refresh_tokens WHERE token_hash = sha256(convert_to(:token, 'UTF8')))")
                .param("token", token).query(Long.class).single();
    }

    private ParleyHttp.Exchange refreshByBody(String refreshToken) {
        return http.exchange(REFRESH, Map.of("refreshToken", refreshToken), Map.of());
    }

    private String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }
}
