package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.JdkWebSocketProbe;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.TestUser;
import parley.local.Patience;

/**
 * A connection that died without a close is noticed through STOMP heart-beats (half a second here): the node sends
 * them to a client that asks, and closes a session it has heard nothing from for three intervals, so that user is no
 * longer connected here (and goes offline); a client that keeps beating stays.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StompHeartBeatIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(20));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "heart-beat");
        registry.add("parley.stomp.heart-beat", () -> "500ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    SimpUserRegistry users;

    @Test
    void aSilentClientIsClosedWhileOneThatBeatsStays() throws Exception {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        TestUser gone = http.registerAndLogin("gone-silent");
        TestUser beating = http.registerAndLogin("beating");
        String ws = "ws://127.0.0.1:" + port + "/ws";
        JdkWebSocketProbe silent = JdkWebSocketProbe.connect(ws, gone.accessToken(), "500,500");
        JdkWebSocketProbe alive = JdkWebSocketProbe.connect(ws, beating.accessToken(), "500,500");
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        try {
            beats.scheduleAtFixedRate(() -> send(alive, "\n"), 0, 200, TimeUnit.MILLISECONDS);
            assertThat(users.getUser(gone.userId().toString())).as("connected").isNotNull();

            assertThat(silent.nextText(WAIT)).as("the node's heart-beat").isEqualTo("\n");
            assertThat(silent.closeCode(WAIT)).as("the silent session closed by the node").isNotNull();

            await().atMost(WAIT).until(() -> users.getUser(gone.userId().toString()) == null);
            assertThat(alive.closeCode(Duration.ZERO)).as("the beating session is still open").isNull();
            assertThat(users.getUser(beating.userId().toString())).isNotNull();
        } finally {
            beats.shutdownNow();
        }
    }

    private static void send(JdkWebSocketProbe probe, String text) {
        try {
            probe.sendText(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
