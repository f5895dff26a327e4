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
    void ofTwoRefreshesRacingWithOneTokenAtMostOneSucceeds() throws Exception {
        String token = http.login(http.registerAndLogin("race")).body().get("refreshToken").asText();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> refresh = () -> refreshByBody(token).status();
            List<Future<Integer>> results = pool.invokeAll(List.of(refresh, refresh));
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsOnlyOnce(200).contains(401);
        } finally {
            pool.shutdownNow();
        }
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

    private ParleyHttp.Exchange refreshByBody(String refreshToken) {
        return http.exchange(REFRESH, Map.of("refreshToken", refreshToken), Map.of());
    }

    private String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }
}
