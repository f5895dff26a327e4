package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.api.receipt.AdvanceReceipt;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Every STOMP command sent twice with the same id, as the SDK does when a reconnect lost the reply:
 * the second answer is the first one again, and the event store holds no event more than after the
 * first (docs/protocol.md, "Idempotency").
 */
@PlatformTest
class IdempotentCommandsEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "idempotent");
    }

    @Autowired
    EventStore eventStore;

    @Test
    void everyCommandSentTwiceWithTheSameIdChangesNothingTheSecondTime() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        TestUser carol = http.registerAndLogin("carol");
        String privateChat = Ids.privateChatId(alice.userId(), bob.userId()).toString();
        try (StompTestClient aliceClient = StompTestClient.connect(wsUrl(), alice.accessToken());
                StompTestClient bobClient = StompTestClient.connect(wsUrl(), bob.accessToken())) {
            JsonNode created = create(aliceClient, Map.of("clientCommandId", "create-1", "name", "Team",
                    "memberIds", List.of(bob.userId().toString())));
            assertThat(created.path("type").asText()).isEqualTo("GroupCreated");
            String group = created.path("groupId").asText();
            List<String> groupEvents = List.of(group);

            assertAccepted(twice(aliceClient, "/app/group.rename",
                    Map.of("clientCommandId", "rename-1", "groupId", group, "name", "Crew"), groupEvents));
            assertAccepted(twice(aliceClient, "/app/group.addMember",
                    Map.of("clientCommandId", "add-1", "groupId", group, "userId", carol.userId().toString()), groupEvents));
            assertAccepted(twice(aliceClient, "/app/group.setRole", Map.of("clientCommandId", "role-1", "groupId", group,
                    "userId", carol.userId().toString(), "role", "ADMIN"), groupEvents));
            assertAccepted(twice(aliceClient, "/app/group.removeMember",
                    Map.of("clientCommandId", "remove-1", "groupId", group, "userId", carol.userId().toString()), groupEvents));
            JsonNode groupSent = twice(aliceClient, "/app/group.send", Map.of("clientMessageId", "g-1", "groupId", group,
                    "envelope", Map.of("text", "hello team")), groupEvents);
            assertThat(groupSent.path("seq").asLong()).isEqualTo(1);

            List<String> privateEvents = List.of(privateChat);
            JsonNode sent = twice(aliceClient, "/app/private.send", Map.of("clientMessageId", "p-1",
                    "peerId", bob.userId().toString(), "envelope", Map.of("text", "hello bob")), privateEvents);
            assertThat(sent.path("seq").asLong()).isEqualTo(1);
            assertAccepted(twice(aliceClient, "/app/chat.edit", Map.of("clientCommandId", "edit-1", "chatId", privateChat,
                    "seq", 1, "envelope", Map.of("text", "hello, bob")), privateEvents));
            assertAccepted(twice(aliceClient, "/app/chat.redact",
                    Map.of("clientCommandId", "redact-1", "chatId", privateChat, "seq", 1), privateEvents));

            List<String> bobsReceipt = List.of(AdvanceReceipt.idOf(Ids.privateChatId(alice.userId(), bob.userId()), bob.userId()));
            assertAccepted(twice(bobClient, "/app/chat.read",
                    Map.of("clientCommandId", "read-1", "chatId", privateChat, "upToSeq", 1), bobsReceipt));
            assertAccepted(twice(bobClient, "/app/chat.delivered",
                    Map.of("clientCommandId", "delivered-1", "chatId", privateChat, "upToSeq", 1), bobsReceipt));
            assertAccepted(twice(bobClient, "/app/group.leave", Map.of("clientCommandId", "leave-1", "groupId", group),
                    groupEvents));

            for (int attempt = 1; attempt <= 2; attempt++) {
                aliceClient.send("/app/chat.typing", Map.of("clientCommandId", "typing-1", "chatId", privateChat, "typing", true));
                assertThat(bobClient.nextEvent(WAIT, event -> "Typing".equals(event.path("type").asText())))
                        .as("typing is told again, the same state").isNotNull();
            }
            twice(aliceClient, "/app/presence.get",
                    Map.of("clientCommandId", "presence-1", "userIds", List.of(bob.userId().toString())));
            twice(aliceClient, "/app/session.ping", Map.of("clientCommandId", "ping-1"));
            twice(aliceClient, "/app/session.refresh", Map.of("clientCommandId", "refresh-1", "accessToken", alice.accessToken()));
        }
        // The read side agrees: one group, its name, one message in each chat.
        await().atMost(WAIT).until(() -> groupsOf(alice).count() == 1
                && http.get("/api/chats/" + privateChat + "/messages", alice.accessToken()).body().path("messages").size() == 1);
        assertThat(groupsOf(alice).map(chat -> chat.path("title").asText())).containsExactly("Crew");
    }

    /** Sends the command twice with the same id: both answers and the aggregates' event counts must match. */
    private JsonNode twice(StompTestClient client, String destination, Map<String, Object> body, List<String> aggregates)
            throws InterruptedException {
        client.send(destination, body);
        JsonNode first = client.nextReply(WAIT);
        long eventsAfterFirst = events(aggregates);
        client.send(destination, body);
        JsonNode second = client.nextReply(WAIT);
        assertThat(first).as(destination + " answered").isNotNull();
        assertThat(second).as(destination + " answered the same the second time").isEqualTo(first);
        assertThat(events(aggregates)).as(destination + " sent again records no event").isEqualTo(eventsAfterFirst);
        return first;
    }

    /** Commands that read or signal only: the same answer twice (presence: the same users and states). */
    private JsonNode twice(StompTestClient client, String destination, Map<String, Object> body) throws InterruptedException {
        client.send(destination, body);
        JsonNode first = client.nextReply(WAIT);
        client.send(destination, body);
        JsonNode second = client.nextReply(WAIT);
        assertThat(first).as(destination + " answered").isNotNull();
        assertThat(first.path("type").asText()).as(destination).isNotEqualTo("CommandRejected");
        if (first.has("users")) {
            first.path("users").forEach(user -> ((com.fasterxml.jackson.databind.node.ObjectNode) user).remove("lastSeenAt"));
            second.path("users").forEach(user -> ((com.fasterxml.jackson.databind.node.ObjectNode) user).remove("lastSeenAt"));
        }
        assertThat(second).as(destination + " answered the same the second time").isEqualTo(first);
        return first;
    }

    /** {@code group.create}: the group it names is the aggregate whose events are counted. */
    private JsonNode create(StompTestClient client, Map<String, Object> body) throws InterruptedException {
        client.send("/app/group.create", body);
        JsonNode first = client.nextReply(WAIT);
        assertThat(first).as("group.create answered").isNotNull();
        List<String> created = List.of(first.path("groupId").asText());
        long eventsAfterFirst = events(created);
        client.send("/app/group.create", body);
        assertThat(client.nextReply(WAIT)).as("group.create answered the same the second time: the same group").isEqualTo(first);
        assertThat(events(created)).as("group.create sent again records no event").isEqualTo(eventsAfterFirst);
        return first;
    }

    private static void assertAccepted(JsonNode reply) {
        assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo("CommandAccepted");
    }

    private long events(List<String> aggregates) {
        return aggregates.stream()
                .mapToLong(id -> eventStore.readEvents(id).asStream().count())
                .sum();
    }

    private Stream<JsonNode> groupsOf(TestUser user) {
        JsonNode chats = http.get("/api/chats", user.accessToken()).body();
        return StreamSupport.stream(chats.spliterator(), false).filter(chat -> "GROUP".equals(chat.path("type").asText()));
    }
}
