package parley.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import parley.local.Patience;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.api.cloudevents.ChatEventTypes;
import parley.command.testing.KafkaListeners;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SharedKafka;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/** The command side alone against the real PostgreSQL and a real Kafka broker. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandSideIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "command");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    SimpleBrokerMessageHandler broker;

    ParleyHttp http;

    @BeforeEach
    void setUp() {
        http = new ParleyHttp("http://127.0.0.1:" + port);
        KafkaListeners.awaitAssignment(listeners);
    }

    /** Spring's default registry scans every subscription for a destination it has not cached. */
    @Test
    void theBrokerLooksSubscriptionsUpByExactDestination() {
        assertThat(broker.getSubscriptionRegistry().getClass().getName()).isEqualTo("parley.command.stomp.ExactSubscriptions");
    }

    /** Regression: with ordered publishing, Spring's user fan-out failed for every session after the first. */
    @Test
    void everySessionOfAUserReceivesEveryEvent() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        try (StompTestClient aliceLaptop = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", alice.accessToken());
                StompTestClient alicePhone = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", alice.accessToken());
                StompTestClient bobPhone = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", bob.accessToken());
                StompTestClient bobLaptop = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", bob.accessToken());
                StompTestClient bobTablet = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", bob.accessToken())) {
            aliceLaptop.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "multi-1",
                    "envelope", Map.of("text", "to every session")));
            assertThat(aliceLaptop.nextReply(WAIT).get("type").asText()).isEqualTo("MessageAccepted");

            for (StompTestClient session : List.of(aliceLaptop, alicePhone, bobPhone, bobLaptop, bobTablet)) {
                JsonNode received = session.nextEvent(WAIT, event -> "MessageReceived".equals(event.path("type").asText()));
                assertThat(received).as("MessageReceived on each of the 5 sessions").isNotNull();
                assertThat(received.get("clientMessageId").asText()).isEqualTo("multi-1");
            }
        }
    }

    @Test
    void registerLoginAndKeySet() {
        TestUser alice = http.registerAndLogin("alice");
        assertThat(alice.accessToken()).isNotBlank();

        ParleyHttp.Response jwks = http.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body().get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
        assertThat(jwks.body().get("keys").get(0).has("d")).as("no private part published").isFalse();

        ParleyHttp.Response taken = http.post("/api/auth/register",
                Map.of("username", alice.username(), "password", "another password", "displayName", "A"), null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.contentType()).hasToString("application/problem+json");

        ParleyHttp.Response invalid = http.post("/api/auth/register", Map.of("username", "x", "password", "short"), null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).hasToString("application/problem+json");
        assertThat(invalid.body().get("errors").findValuesAsText("field")).contains("username", "password", "displayName");

        ParleyHttp.Response malformed = http.post("/api/auth/register", "{not json", null);
        assertThat(malformed.status()).isEqualTo(400);

        ParleyHttp.Response wrongPassword = http.post("/api/auth/login",
                Map.of("username", alice.username(), "password", "wrong password"), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body().get("title").asText()).isEqualTo("Invalid credentials");
    }

    @Test
    void aSendIsStoredPublishedToKafkaAndPushedToThePeer() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient bobClient = StompTestClient.connect(wsUrl(), bob.accessToken())) {
            aliceClient.send("/app/private.send", send(bob.userId(), "m-1", "hello"));

            JsonNode accepted = aliceClient.nextReply(WAIT);
            assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
            assertThat(accepted.get("seq").asLong()).isEqualTo(1);
            UUID chatId = Ids.privateChatId(alice.userId(), bob.userId());
            assertThat(accepted.get("chatId").asText()).isEqualTo(chatId.toString());

            JsonNode received = bobClient.nextEvent(WAIT, e -> e.get("type").asText().equals("MessageReceived"));
            assertThat(received).isNotNull();
            assertThat(received.get("chatType").asText()).isEqualTo("PRIVATE");
            assertThat(received.get("senderId").asText()).isEqualTo(alice.userId().toString());
            assertThat(received.get("envelope").get("text").asText()).isEqualTo("hello");

            aliceClient.send("/app/private.send", send(bob.userId(), "m-1", "hello"));
            JsonNode retried = aliceClient.nextReply(WAIT);
            assertThat(retried.get("messageId")).isEqualTo(accepted.get("messageId"));
            assertThat(retried.get("seq").asLong()).isEqualTo(1);
            assertThat(storedMessages(chatId)).isEqualTo(1);

            List<ConsumerRecord<String, String>> records = chatRecords(chatId.toString(), 2);
            assertThat(records).extracting(ConsumerRecord::key).containsOnly(chatId.toString());
            // The chat's partition also carries its start and the peer's delivery receipt.
            JsonNode cloudEvent = records.stream().map(record -> readTree(record.value()))
                    .filter(event -> event.get("type").asText().equals("parley.privatechat.PrivateMessageSent.v1"))
                    .findFirst().orElseThrow();
            assertThat(cloudEvent.get("specversion").asText()).isEqualTo("1.0");
            assertThat(cloudEvent.get("subject").asText()).isEqualTo(chatId.toString());
            assertThat(cloudEvent.get("data").get("envelope").get("text").asText()).isEqualTo("hello");
        }
    }

    /**
     * What a reconnecting client catches up to: each of its chats' last seq as acknowledged, whatever the read side
     * has projected; nobody else's chats.
     */
    @Test
    void sessionHeadsListTheCallersChatsWithTheirLastAcknowledgedSeq() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");
        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient carolClient = StompTestClient.connect(wsUrl(), carol.accessToken())) {
            aliceClient.send("/app/private.send", send(bob.userId(), "h-1", "one"));
            assertThat(aliceClient.nextReply(WAIT).get("seq").asLong()).isEqualTo(1);
            aliceClient.send("/app/private.send", send(bob.userId(), "h-2", "two"));
            assertThat(aliceClient.nextReply(WAIT).get("seq").asLong()).isEqualTo(2);

            aliceClient.send("/app/session.heads", Map.of("clientCommandId", "heads-1"));
            JsonNode heads = aliceClient.nextReply(WAIT);
            assertThat(heads.get("type").asText()).isEqualTo("ChatHeads");
            assertThat(heads.get("clientCommandId").asText()).isEqualTo("heads-1");
            assertThat(heads.get("complete").asBoolean()).isTrue();
            assertThat(heads.get("heads")).hasSize(1);
            assertThat(heads.get("heads").get(0).get("chatId").asText())
                    .isEqualTo(Ids.privateChatId(alice.userId(), bob.userId()).toString());
            assertThat(heads.get("heads").get(0).get("chatType").asText()).isEqualTo("PRIVATE");
            assertThat(heads.get("heads").get(0).get("lastSeq").asLong()).isEqualTo(2);

            carolClient.send("/app/session.heads", Map.of("clientCommandId", "heads-2"));
            assertThat(carolClient.nextReply(WAIT).get("heads")).isEmpty();
        }
    }

    @Test
    void badCommandsAreRejectedAndTheSessionStaysUsable() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            client.sendRaw("/app/private.send", "{this is not json");
            assertRejected(client.nextReply(WAIT), "INVALID_COMMAND");

            client.send("/app/private.send", Map.of("clientMessageId", "c-1", "envelope", Map.of()));
            assertRejected(client.nextReply(WAIT), "INVALID_COMMAND");

            client.send("/app/private.send", send(UUID.randomUUID(), "c-2", "to nobody"));
            assertRejected(client.nextReply(WAIT), "UNKNOWN_PEER");

            client.send("/app/private.send", send(alice.userId(), "c-3", "to myself"));
            assertRejected(client.nextReply(WAIT), "SELF_CHAT");

            client.send("/app/private.send", send(bob.userId(), "c-4", "x".repeat(70 * 1024)));
            JsonNode tooLarge = client.nextReply(WAIT);
            assertRejected(tooLarge, "ENVELOPE_TOO_LARGE");
            assertThat(tooLarge.get("clientMessageId").asText()).isEqualTo("c-4");

            assertThat(storedMessages(Ids.privateChatId(alice.userId(), bob.userId()))).isZero();

            client.send("/app/private.send", send(bob.userId(), "c-5", "still works"));
            JsonNode accepted = client.nextReply(WAIT);
            assertThat(accepted.get("type").asText()).isEqualTo("MessageAccepted");
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void aConnectWithoutAValidTokenIsRefused() throws Exception {
        // refusedConnect fails the test if a session opens; the ERROR frame names the reason.
        assertThat(StompTestClient.refusedConnect(wsUrl(), "not-a-token")).isEqualTo("invalid access token");
        assertThat(StompTestClient.refusedConnect(wsUrl(), null))
                .isEqualTo("CONNECT needs an 'Authorization: Bearer <token>' header");
    }

    private static Map<String, Object> send(UUID peer, String clientMessageId, String text) {
        return Map.of("peerId", peer.toString(), "clientMessageId", clientMessageId, "envelope", Map.of("text", text));
    }

    private static void assertRejected(JsonNode reply, String code) {
        assertThat(reply).as("a reply").isNotNull();
        assertThat(reply.get("type").asText()).isEqualTo("CommandRejected");
        assertThat(reply.get("code").asText()).isEqualTo(code);
        assertThat(reply.get("detail").asText()).isNotBlank();
    }

    private long storedMessages(UUID chatId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id AND payloadtype LIKE '%PrivateMessageSent'")
                .param("id", chatId.toString())
                .query(Long.class)
                .single();
    }

    private List<ConsumerRecord<String, String>> chatRecords(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(ChatEventTypes.TOPIC));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    private JsonNode readTree(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }
}
