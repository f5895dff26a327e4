package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import parley.local.Patience;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * What {@code ./parley up} does, on embedded PostgreSQL and Kafka in a fresh data directory: the
 * platform serves a chat, stops, starts again on the same directory and still has the history.
 */
class ParleyUpRestartTest {

    @Test
    void historySurvivesARestartOnTheSameDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-data");
        LauncherSettings settings = new LauncherSettings(dataDir, freePort(), freePort(), freePort(), freePort(), false, false, false);
        String base = "http://127.0.0.1:" + settings.httpPort();

        TestUser alice;
        String chatId;
        // A readable marker is what survives the restart here; envelope v1 has its own end-to-end tests.
        try (Platform platform = Platform.start(settings, "--parley.e2ee.allow-unencrypted=true")) {
            KafkaListeners.awaitAssignment(platform.context().getBean(KafkaListenerEndpointRegistry.class));
            ParleyHttp http = new ParleyHttp(base);
            alice = http.registerAndLogin("alice");
            TestUser bob = http.registerAndLogin("bob");
            try (StompTestClient client = StompTestClient.connect("ws://127.0.0.1:" + settings.httpPort() + "/ws",
                    alice.accessToken())) {
                client.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "1",
                        "envelope", Map.of("text", "before the restart")));
                chatId = client.nextReply(Duration.ofSeconds(15)).get("chatId").asText();
            }
            await().atMost(Patience.scaled(Duration.ofSeconds(30))).until(() -> messages(http, alice, chatId).size() == 1);
        }

        try (Platform platform = Platform.start(settings)) {
            ParleyHttp http = new ParleyHttp(base);
            JsonNode login = http.post("/api/auth/login",
                    Map.of("username", alice.username(), "password", "correct horse battery"), null).body();
            TestUser again = new TestUser(alice.userId(), alice.username(), login.get("accessToken").asText());
            JsonNode history = messages(http, again, chatId);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("envelope").get("text").asText()).isEqualTo("before the restart");
        }
    }

    private static JsonNode messages(ParleyHttp http, TestUser user, String chatId) {
        return http.get("/api/chats/" + chatId + "/messages", user.accessToken()).body().path("messages");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
