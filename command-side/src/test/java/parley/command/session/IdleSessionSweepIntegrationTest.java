package parley.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import parley.local.Patience;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/** A session that sends nothing is closed by the sweep once its token expires (three-second tokens, one-second sweep). */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdleSessionSweepIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "session-sweep");
        registry.add("parley.jwt.access-token-ttl", () -> "3s");
        registry.add("parley.jwt.clock-skew", () -> "0s");
        registry.add("parley.session.sweep-interval", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Test
    void anIdleSessionIsClosedWhenItsTokenExpires() throws Exception {
        TestUser user = new ParleyHttp("http://127.0.0.1:" + port).registerAndLogin("idle");
        try (StompTestClient client = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", user.accessToken())) {

            assertThat(client.nextError(WAIT)).isEqualTo("access token expired");
            await().atMost(WAIT).until(() -> !client.isConnected());
        }
    }
}
