package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Creating a group pushes one event to each member, not each member's joining to every member
 * (members squared: a million pushes for 1,024), and a creation names at most
 * {@code parley.group.max-initial-members}: a longer list is refused and creates nothing.
 */
@PlatformTest
class GroupCreationFanoutAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final int INITIAL_LIMIT = 16;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "group_fanout");
        registry.add("parley.group.max-initial-members", () -> INITIAL_LIMIT);
    }

    @Test
    void aCreationPushesOneEventPerMemberAndItsMemberListIsBounded() throws Exception {
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i <= INITIAL_LIMIT; i++) {
            users.add(http.registerAndLogin("member" + i));
        }
        TestUser owner = users.get(0);
        List<StompTestClient> sessions = new ArrayList<>();
        try {
            for (TestUser user : users.subList(0, INITIAL_LIMIT)) {
                sessions.add(StompTestClient.connect(wsUrl(), user.accessToken()));
            }
            StompTestClient ownerClient = sessions.get(0);

            ownerClient.send("/app/group.create", Map.of("clientCommandId", "full", "name", "Full house",
                    "memberIds", ids(users.subList(1, INITIAL_LIMIT))));
            JsonNode created = ownerClient.nextReply(WAIT);
            assertThat(created.get("type").asText()).isEqualTo("GroupCreated");
            String groupId = created.get("groupId").asText();
            // A marker behind the creation: each session's events arrive in order, so what a member has
            // before the message is everything the creation pushed to them.
            ownerClient.send("/app/group.send", Map.of("groupId", groupId, "clientMessageId", "marker",
                    "envelope", Map.of("text", "welcome")));
            assertThat(ownerClient.nextReply(WAIT).get("type").asText()).isEqualTo("MessageAccepted");

            for (int i = 0; i < sessions.size(); i++) {
                Map<String, Integer> memberAdded = memberAddedBeforeTheMarker(sessions.get(i), groupId);
                assertThat(memberAdded).as("member " + i + " is pushed its own joining, once")
                        .isEqualTo(Map.of(groupId + "/" + users.get(i).userId(), 1));
            }

            ownerClient.send("/app/group.create", Map.of("clientCommandId", "too-many", "name", "Too many",
                    "memberIds", ids(users.subList(1, INITIAL_LIMIT + 1))));
            JsonNode refused = ownerClient.nextReply(WAIT);
            assertThat(refused.get("type").asText()).isEqualTo("CommandRejected");
            assertThat(refused.get("code").asText()).isEqualTo("TOO_MANY_INITIAL_MEMBERS");
            assertThat(refused.get("detail").asText()).contains("at most " + INITIAL_LIMIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(groupsOf(owner)).containsExactly(groupId));
            assertThat(groupsOf(users.get(INITIAL_LIMIT))).as("the refused creation made nothing").isEmpty();
        } finally {
            sessions.forEach(StompTestClient::close);
        }
    }

    /** The MemberAdded events a session was pushed before the marker message, counted by group and member. */
    private static Map<String, Integer> memberAddedBeforeTheMarker(StompTestClient session, String groupId) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        while (true) {
            JsonNode event = session.nextEvent(WAIT, e -> true);
            assertThat(event).as("the marker message arrives").isNotNull();
            String type = event.path("type").asText();
            if ("MessageReceived".equals(type) && groupId.equals(event.path("chatId").asText())) {
                return counts;
            }
            if ("MemberAdded".equals(type)) {
                counts.merge(event.path("groupId").asText() + "/" + event.path("userId").asText(), 1, Integer::sum);
            }
        }
    }

    private List<String> groupsOf(TestUser user) {
        List<String> groups = new ArrayList<>();
        http.get("/api/chats", user.accessToken()).body().forEach(chat -> {
            if ("GROUP".equals(chat.path("type").asText())) {
                groups.add(chat.path("chatId").asText());
            }
        });
        return groups;
    }

    private static List<String> ids(List<TestUser> users) {
        return users.stream().map(user -> user.userId().toString()).toList();
    }
}
