package parley.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SteppedClock;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.Patience;

/**
 * STOMP sessions end with their access token unless re-authenticated on the open session. Time is the application's
 * {@link Clock}, stepped by the test past each expiry ({@link SteppedClock}); the sweep is off, so each expiry here is
 * noticed on a frame. No sleeps: on a slow machine a token neither expires early nor late.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SteppedClock.AsApplicationClock.class)
class StompSessionExpiryIntegrationTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));
    private static final Duration NO_REPLY = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "session-expiry");
        registry.add("parley.jwt.access-token-ttl", () -> TTL.toString());
        registry.add("parley.jwt.clock-skew", () -> "0s");
        registry.add("parley.session.sweep-interval", () -> "1h");
    }

    @LocalServerPort
    int port;

    @Autowired
    SteppedClock clock;

    ParleyHttp http;

    @BeforeEach
    void setUp() {
        http = new ParleyHttp("http://127.0.0.1:" + port);
    }

    @Test
    void aFrameAfterExpiryIsNotHandledAndClosesTheSession() throws Exception {
        TestUser user = http.registerAndLogin("late-frame");
        try (StompTestClient client = StompTestClient.connect(wsUrl(), user.accessToken())) {
            clock.step(TTL.plusSeconds(1));

            client.send("/app/session.ping", Map.of("clientCommandId", "too late"));

            assertThat(client.nextReply(NO_REPLY)).as("no pong after expiry").isNull();
            assertThat(client.nextError(WAIT)).isEqualTo("access token expired");
        }
    }

    @Test
    void aSessionRefreshedWithANewTokenOutlivesTheFirstToken() throws Exception {
        TestUser user = http.registerAndLogin("refreshing");
        String refreshToken = http.login(user).body().get("refreshToken").asText();
        try (StompTestClient client = StompTestClient.connect(wsUrl(), user.accessToken())) {
            clock.step(TTL.dividedBy(2));
            JsonNode renewed = http.exchange("/api/auth/refresh", Map.of("refreshToken", refreshToken), Map.of()).body();

            client.send("/app/session.refresh", Map.of("clientCommandId", "r1", "accessToken", renewed.get("accessToken").asText()));

            JsonNode reply = client.nextReply(WAIT);
            assertThat(reply.get("type").asText()).isEqualTo("SessionRefreshed");
            assertThat(reply.get("clientCommandId").asText()).isEqualTo("r1");
            assertThat(Instant.parse(reply.get("expiresAt").asText())).isAfter(clock.instant().plus(TTL.dividedBy(2)));
            clock.step(TTL.dividedBy(2).plusSeconds(1)); // past the first token's expiry, well before the second's
            client.send("/app/session.ping", Map.of("clientCommandId", "still here"));
            assertThat(client.nextReply(WAIT).get("type").asText()).isEqualTo("Pong");

            clock.step(TTL.dividedBy(2)); // past the second token's expiry
            client.send("/app/session.ping", Map.of("clientCommandId", "too late"));
            assertThat(client.nextReply(NO_REPLY)).as("no pong after expiry").isNull();
            assertThat(client.nextError(WAIT)).isEqualTo("access token expired");
        }
    }

    @Test
    void aSessionCannotBeRefreshedWithAnotherUsersOrAnInvalidToken() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser mallory = http.registerAndLogin("mallory");
        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {

            client.send("/app/session.refresh", Map.of("clientCommandId", "r1", "accessToken", mallory.accessToken()));
            JsonNode foreign = client.nextReply(WAIT);
            client.send("/app/session.refresh", Map.of("clientCommandId", "r2", "accessToken", "not-a-token"));
            JsonNode invalid = client.nextReply(WAIT);

            assertThat(foreign.get("type").asText()).isEqualTo("CommandRejected");
            assertThat(foreign.get("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(invalid.get("code").asText()).isEqualTo("INVALID_TOKEN");
            assertThat(invalid.get("clientMessageId").asText()).isEqualTo("r2");
        }
    }

    private String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }
}
