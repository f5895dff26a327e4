package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;

/**
 * Attacks on the running platform's rate limits from a client that is not a trusted proxy: password
 * guessing is locked out, and forged {@code X-Forwarded-For} headers do not buy fresh limits.
 */
@PlatformTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitAttackTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int LOGIN_LIMIT = 3;
    private static final int IP_LIMIT = 50;
    private static final int READS_LIMIT = 5;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "attack");
        // Short lockouts keep the test fast, yet refills are slow enough that a busy machine's
        // latency cannot refill a bucket between two requests of a test: 3 logins per 15 s (one more
        // every 5 s), 50 requests per 50 s from one address, 5 reads per 50 s per user.
        registry.add("parley.ratelimit.classes.login.limit", () -> LOGIN_LIMIT);
        registry.add("parley.ratelimit.classes.login.period", () -> "15s");
        registry.add("parley.ratelimit.classes.ip.limit", () -> IP_LIMIT);
        registry.add("parley.ratelimit.classes.ip.period", () -> "50s");
        registry.add("parley.ratelimit.classes.reads.limit", () -> READS_LIMIT);
        registry.add("parley.ratelimit.classes.reads.period", () -> "50s");
    }

    @LocalServerPort
    int port;

    ParleyHttp http;

    @BeforeEach
    void client() {
        http = new ParleyHttp("http://127.0.0.1:" + port);
    }

    @Test
    void passwordGuessingIsLockedOutEvenForTheRightPasswordUntilTheLimitRefills() throws InterruptedException {
        String victim = register();
        for (int guess = 1; guess <= LOGIN_LIMIT; guess++) {
            assertThat(login(victim, "guess " + guess, new HttpHeaders()).status()).isEqualTo(401);
        }
        for (int guess = LOGIN_LIMIT + 1; guess <= 10; guess++) {
            assertThat(login(victim, "guess " + guess, new HttpHeaders()).status()).as("guess " + guess).isEqualTo(429);
        }
        ParleyHttp.Response rightPasswordWhileLocked = login(victim, PASSWORD, new HttpHeaders());
        assertThat(rightPasswordWhileLocked.status()).isEqualTo(429);
        assertThat(rightPasswordWhileLocked.contentType().toString()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(rightPasswordWhileLocked.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 5L);

        Thread.sleep(retryAfter * 1000);
        ParleyHttp.Response afterTheWindow = login(victim, PASSWORD, new HttpHeaders());
        assertThat(afterTheWindow.status()).isEqualTo(200);
        assertThat(afterTheWindow.body().get("accessToken").asText()).isNotBlank();
    }

    @Test
    void forgedForwardedForHeadersDoNotEscapeTheLoginLimit() {
        String victim = register();
        for (int guess = 1; guess <= LOGIN_LIMIT; guess++) {
            assertThat(login(victim, "guess " + guess, forwardedFor(guess)).status()).isEqualTo(401);
        }
        assertThat(login(victim, "guess 4", forwardedFor(4)).status()).isEqualTo(429);
        assertThat(login(victim, PASSWORD, forwardedFor(5)).status()).isEqualTo(429);
    }

    @Test
    void aUserFloodingReadsIsCutOffWithoutAffectingOthers() {
        TestUser reader = http.registerAndLogin("reader");
        TestUser other = http.registerAndLogin("other");
        for (int read = 1; read <= READS_LIMIT; read++) {
            ParleyHttp.Response chats = http.get("/api/chats", reader.accessToken());
            assertThat(chats.status()).isEqualTo(200);
            assertThat(chats.headers().getFirst("RateLimit-Remaining")).as("the closest limit is shown")
                    .isEqualTo(String.valueOf(READS_LIMIT - read));
        }
        ParleyHttp.Response flooded = http.get("/api/chats", reader.accessToken());
        assertThat(flooded.status()).isEqualTo(429);
        assertThat(flooded.contentType().toString()).startsWith("application/problem+json");
        assertThat(Long.parseLong(flooded.headers().getFirst("Retry-After"))).isBetween(1L, 10L);
        assertThat(http.get("/api/chats", other.accessToken()).status()).isEqualTo(200);
    }

    /** Last: it uses up the address's budget, which the other tests of this context need. */
    @Test
    @Order(Integer.MAX_VALUE)
    void forgedForwardedForHeadersDoNotEscapeThePerAddressLimit() throws Exception {
        TestUser user = http.registerAndLogin("flooder");
        ParleyHttp.Response last = null;
        int requests = 0;
        // Were the header believed, every request would start a fresh budget and this would never end in a 429.
        while (requests < 2 * IP_LIMIT && (last == null || last.status() != 429)) {
            requests++;
            last = http.get("/api/chats", null, forwardedFor(requests));
        }
        assertThat(last.status()).as("cut off after %d requests, each with another forged address", requests).isEqualTo(429);
        assertThat(last.contentType().toString()).startsWith("application/problem+json");
        assertThat(last.headers().getFirst("Retry-After")).isNotNull();
        assertThat(last.headers().getFirst("RateLimit-Limit")).isEqualTo(String.valueOf(IP_LIMIT));
        // The budget refills one request a second, so one handshake may find a fresh token (CI saw it);
        // were handshakes not counted, every one of these would get through.
        int refused = 0;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", user.accessToken()).close();
            } catch (ExecutionException limited) {
                refused++;
            }
        }
        assertThat(refused).as("WebSocket handshakes count against the address's limit too").isGreaterThanOrEqualTo(2);
    }

    private String register() {
        String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/auth/register", Map.of("username", username, "password", PASSWORD, "displayName", "Victim"),
                null).status()).isEqualTo(201);
        return username;
    }

    private ParleyHttp.Response login(String username, String password, HttpHeaders headers) {
        return http.post("/api/auth/login", Map.of("username", username, "password", password), null, headers);
    }

    /** A different made-up client address each time, as an attacker would rotate them. */
    static HttpHeaders forwardedFor(int n) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", "198.51." + (n / 250) + "." + (n % 250 + 1));
        return headers;
    }
}
