package parley.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
 * A session that sends nothing is closed by the sweep (every second) once its token expires: the application's clock is
 * stepped past the expiry, so a slow machine neither expires the token before the session opens nor needs a longer wait.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SteppedClock.AsApplicationClock.class)
class IdleSessionSweepIntegrationTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "session-sweep");
        registry.add("parley.jwt.access-token-ttl", () -> TTL.toString());
        registry.add("parley.jwt.clock-skew", () -> "0s");
        registry.add("parley.session.sweep-interval", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    SteppedClock clock;

    @Test
    void anIdleSessionIsClosedWhenItsTokenExpires() throws Exception {
        TestUser user = new ParleyHttp("http://127.0.0.1:" + port).registerAndLogin("idle");
        try (StompTestClient client = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", user.accessToken())) {
            clock.step(TTL.plusSeconds(1));

            assertThat(client.nextError(WAIT)).isEqualTo("access token expired");
            await().atMost(WAIT).until(() -> !client.isConnected());
        }
    }
}
