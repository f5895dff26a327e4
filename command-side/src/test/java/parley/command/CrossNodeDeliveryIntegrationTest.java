package parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import parley.local.Patience;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Two command-side nodes on one database and one Kafka: a user connected to node B receives what a
 * user on node A sends, because push is driven by the stream, not by the node that took the send.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossNodeDeliveryIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(15));
    private static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "nodes");
    }

    @LocalServerPort
    int nodeAPort;
    @Autowired
    Environment environment;
    @Autowired
    KafkaListenerEndpointRegistry nodeAListeners;

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aMessageSentOnOneNodeReachesARecipientOnTheOther() throws Exception {
        nodeB = SecondNode.startLike(environment);
        int nodeBPort = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
        KafkaListeners.awaitAssignment(nodeAListeners);
        KafkaListeners.awaitAssignment(nodeB.getBean(KafkaListenerEndpointRegistry.class));

        TestUser alice = new ParleyHttp("http://127.0.0.1:" + nodeAPort).registerAndLogin("alice");
        TestUser bob = new ParleyHttp("http://127.0.0.1:" + nodeBPort).registerAndLogin("bob");
        try (StompTestClient onA = StompTestClient.connect("ws://127.0.0.1:" + nodeAPort + "/ws", alice.accessToken());
                StompTestClient onB = StompTestClient.connect("ws://127.0.0.1:" + nodeBPort + "/ws", bob.accessToken())) {
            onA.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "x-1",
                    "envelope", Map.of("text", "across nodes")));
            assertThat(onA.nextReply(WAIT).get("type").asText()).isEqualTo("MessageAccepted");

            JsonNode received = onB.nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText()));
            assertThat(received).isNotNull();
            assertThat(received.get("envelope").get("text").asText()).isEqualTo("across nodes");
            assertThat(onB.nextEvent(Duration.ofSeconds(2), e -> "MessageReceived".equals(e.path("type").asText())))
                    .as("delivered once, not once per node").isNull();
        }
    }
}
