package parley.command.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import parley.local.Patience;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.CloseStatus;
import parley.command.CommandSideApplication;
import parley.command.testing.JdkWebSocketProbe;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Node B shuts down (its context closes, as on SIGTERM) while node A keeps running on the same
 * database, Kafka and Redis: B's clients are told to reconnect and closed with 1012 after the
 * commands they sent were answered, B refuses new connections meanwhile, B's publishing segment is
 * released to A at once, and B is gone within its grace period.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.ratelimit.classes.send.limit=1000")
class GracefulShutdownIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(20));
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(15);
    private static final int BURST = 40;
    private static final String PUBLISHER = "kafka-publisher";
    private static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "draining");
    }

    @LocalServerPort
    int nodeAPort;
    @Autowired
    Environment environment;
    @Autowired
    KafkaListenerEndpointRegistry nodeAListeners;
    @Autowired
    EventProcessingConfiguration nodeAProcessing;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aClosingNodeDrainsItsClientsFinishesItsCommandsAndHandsOverItsSegments() throws Exception {
        nodeB = SecondNode.startLike(environment, "--parley.shutdown.grace-period=" + GRACE_PERIOD.toSeconds() + "s",
                // long enough to watch B refuse connections while it drains
                "--parley.shutdown.quiet-period=2s", "--parley.ratelimit.classes.send.limit=1000");
        String nodeBUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) nodeB).getWebServer().getPort();
        KafkaListeners.awaitAssignment(nodeAListeners);
        KafkaListeners.awaitAssignment(nodeB.getBean(KafkaListenerEndpointRegistry.class));
        String nodeBOwner = handPublishingToNodeB();
        assertThat(get(nodeBUrl + "/actuator/health/readiness").statusCode()).isEqualTo(200);

        ParleyHttp api = new ParleyHttp("http://127.0.0.1:" + nodeAPort);
        TestUser alice = api.registerAndLogin("alice");
        TestUser bob = api.registerAndLogin("bob");
        TestUser carol = api.registerAndLogin("carol");
        String wsB = nodeBUrl.replace("http", "ws") + "/ws";
        try (StompTestClient aliceOnB = StompTestClient.connect(wsB, alice.accessToken());
                StompTestClient carolOnB = StompTestClient.connect(wsB, carol.accessToken());
                StompTestClient bobOnA = StompTestClient.connect("ws://127.0.0.1:" + nodeAPort + "/ws", bob.accessToken())) {
            JdkWebSocketProbe daveOnB = JdkWebSocketProbe.connect(wsB, api.registerAndLogin("dave").accessToken());
            JdkWebSocketProbe erinLate = JdkWebSocketProbe.open(wsB);
            String erinsToken = api.registerAndLogin("erin").accessToken();
            for (int i = 0; i < BURST; i++) {
                aliceOnB.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "m-" + i,
                        "envelope", Map.of("text", "message " + i)));
            }
            long closing = System.nanoTime();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(nodeB::close);

            await().atMost(WAIT).until(() -> get(nodeBUrl + "/actuator/health/readiness").statusCode() == 503);
            HttpResponse<String> handshake = get(nodeBUrl + "/ws");
            assertThat(handshake.statusCode()).as("a new connection while draining").isEqualTo(503);
            assertThat(handshake.body()).isEqualTo(AcceptingSessions.DRAINING);
            assertThat(erinLate.stompConnect(erinsToken)).as("a CONNECT on a socket opened before the drain")
                    .startsWith("ERROR").contains("message:" + AcceptingSessions.DRAINING);

            for (StompTestClient client : List.of(aliceOnB, carolOnB)) {
                JsonNode reconnect = client.nextEvent(WAIT, e -> "Reconnect".equals(e.path("type").asText()));
                assertThat(reconnect).as("Reconnect event").isNotNull();
                assertThat(reconnect.path("reason").asText()).isEqualTo("shutdown");
                assertThat(client.closeStatus(WAIT)).as("closed by B").isNotNull();
            }
            assertThat(daveOnB.closeCode(WAIT)).as("close code as sent").isEqualTo(CloseStatus.SERVICE_RESTARTED.getCode());
            assertThat(acceptedIds(aliceOnB)).as("every command sent before the shutdown was answered before the close")
                    .hasSize(BURST);

            closed.get(GRACE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(GRACE_PERIOD);
            assertThat(publisherOwners()).as("B released its claim instead of letting it time out").doesNotContain(nodeBOwner);

            Set<String> delivered = new HashSet<>();
            while (delivered.size() < BURST) {
                JsonNode received = bobOnA.nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText()));
                assertThat(received).as("delivered after B's segment moved to A: %s", delivered.size()).isNotNull();
                delivered.add(received.get("clientMessageId").asText());
            }
            assertThat(delivered).hasSize(BURST);

            TrackingEventProcessor publisherA = nodeAProcessing.eventProcessor(PUBLISHER, TrackingEventProcessor.class).orElseThrow();
            await().atMost(WAIT).until(() -> !publisherA.processingStatus().isEmpty());
            try (StompTestClient aliceOnA = StompTestClient.connect("ws://127.0.0.1:" + nodeAPort + "/ws", alice.accessToken())) {
                bobOnA.send("/app/private.send", Map.of("peerId", alice.userId().toString(), "clientMessageId", "after-b",
                        "envelope", Map.of("text", "published by A")));
                JsonNode received = aliceOnA.nextEvent(WAIT, e -> "after-b".equals(e.path("clientMessageId").asText()));
                assertThat(received).as("events keep flowing to Kafka, now through A's publisher").isNotNull();
            }
        }
    }

    /**
     * Node A started first and owns the publishing segment. It lets it go and takes it back once B has
     * claimed it, so B is the one publishing when it shuts down.
     */
    private String handPublishingToNodeB() {
        TrackingEventProcessor publisherA = nodeAProcessing.eventProcessor(PUBLISHER, TrackingEventProcessor.class).orElseThrow();
        publisherA.shutDown();
        TrackingEventProcessor publisherB = nodeB.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PUBLISHER, TrackingEventProcessor.class).orElseThrow();
        await().atMost(WAIT).until(() -> !publisherB.processingStatus().isEmpty());
        publisherA.start();
        List<String> owners = publisherOwners();
        assertThat(owners).singleElement().isNotNull();
        return owners.get(0);
    }

    private List<String> publisherOwners() {
        return jdbc.queryForList("SELECT owner FROM tokenentry WHERE processorname = ?", String.class, PUBLISHER);
    }

    private static List<String> acceptedIds(StompTestClient client) throws InterruptedException {
        List<String> accepted = new ArrayList<>();
        for (JsonNode reply = client.nextReply(Duration.ZERO); reply != null; reply = client.nextReply(Duration.ZERO)) {
            assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("MessageAccepted");
            accepted.add(reply.get("clientMessageId").asText());
        }
        return accepted;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
