package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Poison ids: a client id with a NUL (which PostgreSQL's text type refuses, so the projection that
 * meets it would stop for everyone), with control characters, outside ASCII, or 10,000 characters
 * long. Each is refused where it enters, naming the field, and nothing is stored: the next good
 * message is the chat's first, and the projections keep going.
 */
@PlatformTest
class ClientIdAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final String KEY_A = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_B = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "clientids");
        // Dozens of refused sends in a row: the send budget is not what this test is about.
        registry.add("parley.ratelimit.classes.send.limit", () -> "100000");
    }

    private final HttpClient raw = HttpClient.newHttpClient();

    static Map<String, String> poisonIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("a NUL", "m\u0000-1");
        ids.put("only a NUL", "\u0000");
        ids.put("a tab", "m\t1");
        ids.put("a line break", "m\n1");
        ids.put("a terminal escape", "\u001b[31mred");
        ids.put("DEL", "m\u007f");
        ids.put("a C1 control", "m\u0085");
        ids.put("a right-to-left override", "m\u202e1");
        ids.put("non-ASCII", "caf\u00e9");
        ids.put("10,000 characters", "x".repeat(10_000));
        ids.put("129 characters", "y".repeat(129));
        return ids;
    }

    @Test
    void poisonClientIdsAreRefusedByNameAndNothingIsStored() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        String chatId = Ids.privateChatId(alice.userId(), bob.userId()).toString();
        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            client.send("/app/group.create", Map.of("clientCommandId", "team", "name", "Team",
                    "memberIds", List.of(bob.userId().toString())));
            String group = client.nextReply(WAIT).path("groupId").asText();
            for (Map.Entry<String, String> poison : poisonIds().entrySet()) {
                String id = poison.getValue();
                assertRefused(client, poison.getKey(), "clientMessageId", "/app/private.send",
                        Map.of("peerId", bob.userId().toString(), "clientMessageId", id, "envelope", Map.of("text", "poison")));
                assertRefused(client, poison.getKey(), "clientMessageId", "/app/group.send",
                        Map.of("groupId", group, "clientMessageId", id, "envelope", Map.of("text", "poison")));
                assertRefused(client, poison.getKey(), "clientCommandId", "/app/group.create",
                        Map.of("clientCommandId", id, "name", "Poisoned"));
                assertRefused(client, poison.getKey(), "clientCommandId", "/app/group.rename",
                        Map.of("clientCommandId", id, "groupId", group, "name", "Poisoned"));
                assertRefused(client, poison.getKey(), "clientCommandId", "/app/chat.read",
                        Map.of("clientCommandId", id, "chatId", chatId, "upToSeq", 1));
                assertRefused(client, poison.getKey(), "clientCommandId", "/app/session.ping", Map.of("clientCommandId", id));
                assertRefused(client, poison.getKey(), "clientCommandId", "/app/session.heads", Map.of("clientCommandId", id));
            }

            client.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "after",
                    "envelope", Map.of("text", "after the poison")));
            JsonNode accepted = client.nextReply(WAIT);
            assertThat(accepted.path("seq").asLong()).as("no poisoned message was stored: %s", accepted).isEqualTo(1);
            client.send("/app/group.send", Map.of("groupId", group, "clientMessageId", "after",
                    "envelope", Map.of("text", "after the poison")));
            assertThat(client.nextReply(WAIT).path("seq").asLong()).isEqualTo(1);
        }
        // The projection read both good messages, so it did not stop at anything before them.
        await().atMost(WAIT).until(() -> http.get("/api/chats/" + chatId + "/messages", bob.accessToken()).body()
                .path("messages").size() == 1);
        JsonNode chats = http.get("/api/chats", alice.accessToken()).body();
        assertThat(chats.toString()).as("no poisoned group was created or renamed").doesNotContain("Poisoned");
        assertThat(http.get("/api/chats/" + chatId + "/messages", bob.accessToken()).body().path("messages").get(0)
                .path("clientMessageId").asText()).isEqualTo("after");
    }

    @Test
    void poisonDeviceIdsAreRefusedAsProblemDetailsAndNothingIsStored() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        // Refused before the application by Tomcat (a NUL, a 10,000-character request line) or by Spring
        // Security's firewall (a line break, a semicolon): 400 all the same, and nothing reaches the aggregate.
        for (String deviceId : List.of("nul%00id", "line%0Abreak", "x".repeat(10_000), "semi;colon")) {
            assertThat(putDevice(alice, deviceId).statusCode()).as(describe(deviceId)).isEqualTo(400);
        }
        // Refused by the device id's form, as problem details naming the rule.
        for (String deviceId : List.of("tab%09id", "caf%C3%A9", "y".repeat(65), "dot.dot")) {
            HttpResponse<String> response = putDevice(alice, deviceId);
            assertThat(response.statusCode()).as(describe(deviceId)).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(describe(deviceId)).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(describe(deviceId)).contains("INVALID_COMMAND", "a device id is 1 to 64 characters");
        }
        assertThat(http.put("/api/devices/laptop", Map.of("agreementKey", KEY_A, "signingKey", KEY_B), alice.accessToken())
                .status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> http.get("/api/users/" + alice.userId() + "/devices", bob.accessToken()).body()
                .path("devices").size() == 1);
        assertThat(http.get("/api/users/" + alice.userId() + "/devices", bob.accessToken()).body().path("devices").get(0)
                .path("deviceId").asText()).as("only the good device was stored").isEqualTo("laptop");
    }

    private HttpResponse<String> putDevice(TestUser user, String deviceId) throws Exception {
        return raw.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/devices/" + deviceId))
                .header("Authorization", "Bearer " + user.accessToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"agreementKey\":\"" + KEY_A + "\",\"signingKey\":\"" + KEY_B + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String describe(String deviceId) {
        return "device id " + (deviceId.length() > 20 ? deviceId.length() + " characters" : deviceId);
    }

    private static void assertRefused(StompTestClient client, String what, String field, String destination, Object body)
            throws InterruptedException {
        client.send(destination, body);
        JsonNode reply = client.nextReply(WAIT);
        String as = destination + " with a " + field + " holding " + what;
        assertThat(reply).as(as).isNotNull();
        assertThat(reply.path("type").asText()).as(as + ": %s", reply).isEqualTo("CommandRejected");
        assertThat(reply.path("code").asText()).as(as).isEqualTo("INVALID_COMMAND");
        assertThat(reply.path("detail").asText()).as(as).contains("'" + field + "'", "printable ASCII");
        assertThat(reply.path(field).isNull() || reply.path(field).isMissingNode()).as(as + ": the bad id is not echoed").isTrue();
    }
}
