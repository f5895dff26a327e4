package parley.ops.nodes;

import parley.ops.Waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.command.testing.KafkaListeners;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Two command-side nodes behind one database, Kafka and Redis: 20 clients, half on each node, send
 * 2,000 messages into 10 private chats and 2 groups of 10 at once. Every member's session receives
 * every message of its chats exactly once and in seq order, whichever node took the send, and the
 * history has every message once.
 */
@PlatformTest
class TwoNodeDeliveryEndToEndTest extends RunningPlatform {

    private static final int USERS = 20;
    private static final int SENDS_PER_USER = 100;
    private static final Duration WAIT = Waits.ASYNC;
    private static final String[] GENEROUS_LIMITS = {"--parley.ratelimit.classes.send.limit=100000",
        "--parley.ratelimit.classes.commands.limit=100000", "--parley.ratelimit.classes.ip.limit=100000"};

    private static ConfigurableApplicationContext nodeB;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-two-nodes");
        for (String limit : GENEROUS_LIMITS) {
            String[] pair = limit.substring(2).split("=");
            registry.add(pair[0], () -> pair[1]);
        }
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void everyMessageReachesEveryMemberExactlyOnceAndInOrderAcrossNodes() throws Exception {
        nodeB = SecondNode.startLike(environment, GENEROUS_LIMITS);
        KafkaListeners.awaitAssignment(nodeB.getBean(KafkaListenerEndpointRegistry.class));
        String nodeBWs = "ws://127.0.0.1:" + ((WebServerApplicationContext) nodeB).getWebServer().getPort() + "/ws";

        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(http.registerAndLogin("user" + i));
        }
        List<StompTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < USERS; i++) {
                clients.add(StompTestClient.connect(i % 2 == 0 ? wsUrl() : nodeBWs, users.get(i).accessToken()));
            }
            List<UUID> groups = List.of(createGroup(clients.get(0), users.subList(1, 10)), createGroup(clients.get(10), users.subList(11, 20)));
            Map<UUID, Integer> sentPerChat = sendAll(users, clients, groups);
            assertThat(sentPerChat.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(USERS * SENDS_PER_USER);

            for (int i = 0; i < USERS; i++) {
                UUID privateChat = Ids.privateChatId(users.get(i).userId(), users.get(i ^ 1).userId());
                UUID group = groups.get(i / 10);
                Map<UUID, List<Long>> received = receive(clients.get(i), sentPerChat.get(privateChat) + sentPerChat.get(group));
                assertThat(received.keySet()).as("user %d's chats", i).containsExactlyInAnyOrder(privateChat, group);
                assertThat(received.get(privateChat)).as("user %d, private chat: each seq once, in order", i)
                        .isEqualTo(seqs(sentPerChat.get(privateChat)));
                assertThat(received.get(group)).as("user %d, group: each seq once, in order", i).isEqualTo(seqs(sentPerChat.get(group)));
            }
            for (StompTestClient client : clients) {
                assertThat(client.nextEvent(Duration.ofMillis(500), e -> "MessageReceived".equals(e.path("type").asText())))
                        .as("nothing delivered twice").isNull();
            }
            for (int i = 0; i < USERS; i += 2) {
                UUID privateChat = Ids.privateChatId(users.get(i).userId(), users.get(i + 1).userId());
                int sent = sentPerChat.get(privateChat);
                assertThat(history(users.get(i), privateChat, sent)).as("a private chat's history").isEqualTo(seqs(sent));
            }
            for (UUID group : groups) {
                TestUser member = users.get(groups.indexOf(group) * 10 + 5);
                int sent = sentPerChat.get(group);
                assertThat(history(member, group, sent)).as("the group's history").isEqualTo(seqs(sent));
            }
        } finally {
            clients.forEach(StompTestClient::close);
        }
    }

    /** Each user sends half of its messages to its private peer and half to its group, all users at once. */
    private static Map<UUID, Integer> sendAll(List<TestUser> users, List<StompTestClient> clients, List<UUID> groups)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<List<JsonNode>>> replies = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                TestUser peer = users.get(i ^ 1);
                UUID group = groups.get(i / 10);
                StompTestClient client = clients.get(i);
                replies.add(senders.submit(() -> sendAs(client, peer, group)));
            }
            Map<UUID, Integer> sentPerChat = new HashMap<>();
            for (Future<List<JsonNode>> future : replies) {
                for (JsonNode reply : future.get()) {
                    assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("MessageAccepted");
                    sentPerChat.merge(UUID.fromString(reply.get("chatId").asText()), 1, Integer::sum);
                }
            }
            return sentPerChat;
        } finally {
            senders.shutdownNow();
        }
    }

    private static List<JsonNode> sendAs(StompTestClient client, TestUser peer, UUID group) throws InterruptedException {
        List<JsonNode> replies = new ArrayList<>();
        for (int n = 0; n < SENDS_PER_USER; n++) {
            String clientMessageId = "m-" + n;
            if (n % 2 == 0) {
                client.send("/app/private.send", Map.of("peerId", peer.userId().toString(), "clientMessageId", clientMessageId,
                        "envelope", Map.of("n", n)));
            } else {
                client.send("/app/group.send", Map.of("groupId", group.toString(), "clientMessageId", clientMessageId,
                        "envelope", Map.of("n", n)));
            }
            JsonNode reply = client.nextReply(WAIT);
            assertThat(reply).as("a reply to " + clientMessageId).isNotNull();
            replies.add(reply);
        }
        return replies;
    }

    private static Map<UUID, List<Long>> receive(StompTestClient client, int expected) throws InterruptedException {
        Map<UUID, List<Long>> seqsPerChat = new HashMap<>();
        for (int n = 0; n < expected; n++) {
            JsonNode event = client.nextEvent(WAIT, e -> "MessageReceived".equals(e.path("type").asText()));
            assertThat(event).as("message %d of %d", n + 1, expected).isNotNull();
            seqsPerChat.computeIfAbsent(UUID.fromString(event.get("chatId").asText()), chat -> new ArrayList<>())
                    .add(event.get("seq").asLong());
        }
        return seqsPerChat;
    }

    /** Every seq in the chat's history, paging forwards, once the read side has at least {@code expected}. */
    private List<Long> history(TestUser reader, UUID chatId, int expected) {
        return await().atMost(WAIT).until(() -> {
            List<Long> seqs = new ArrayList<>();
            long after = 0;
            while (true) {
                JsonNode page = http.get("/api/chats/" + chatId + "/messages?limit=200&afterSeq=" + after, reader.accessToken()).body();
                page.path("messages").forEach(message -> seqs.add(message.get("seq").asLong()));
                if (page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode()) {
                    return seqs;
                }
                after = page.get("nextCursor").asLong();
            }
        }, seqs -> seqs.size() >= expected);
    }

    private static UUID createGroup(StompTestClient owner, List<TestUser> members) throws InterruptedException {
        owner.send("/app/group.create", Map.of("name", "Ten", "clientCommandId", "g",
                "memberIds", members.stream().map(member -> member.userId().toString()).toList()));
        JsonNode reply = owner.nextReply(WAIT);
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("GroupCreated");
        return UUID.fromString(reply.get("groupId").asText());
    }

    private static List<Long> seqs(int count) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}
