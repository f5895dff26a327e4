package parley.ops.attack;

import parley.ops.Waits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.edge.text.PlainText;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * OWASP SQL-injection and XSS payloads in every text field a client controls, through the public
 * protocol: each is refused with a 4xx/CommandRejected or stored as inert data, never executed,
 * never a 500; afterwards every table still answers.
 */
@PlatformTest
class InjectionAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "injection");
        // Hundreds of hostile requests from one address: this test is about what is stored, not how often.
        registry.add("parley.ratelimit.classes.ip.limit", () -> "100000");
        registry.add("parley.ratelimit.classes.reads.limit", () -> "100000");
        registry.add("parley.ratelimit.classes.send.limit", () -> "100000");
    }

    HttpClient raw = HttpClient.newHttpClient();

    @Test
    void credentialsFieldsAnswerHostileInputWithClientErrors() {
        for (String payload : AttackPayloads.all()) {
            ParleyHttp.Response register = http.post("/api/auth/register",
                    Map.of("username", payload, "password", payload + " long enough", "displayName", "x"), null);
            assertThat(register.status()).as("register as %s", payload).isEqualTo(400);
            assertThat(register.contentType()).hasToString("application/problem+json");

            ParleyHttp.Response login = http.post("/api/auth/login", Map.of("username", payload, "password", payload), null);
            assertThat(login.status()).as("login as %s", payload).isIn(400, 401);
        }
    }

    @Test
    void namesAreStoredAsPlainTextAndMessagesVerbatim() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        List<String> payloads = AttackPayloads.all();
        Map<UUID, String> displayNames = new HashMap<>();
        Map<String, String> groupNames = new HashMap<>();
        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            for (int i = 0; i < payloads.size(); i++) {
                String payload = payloads.get(i);
                registerNamed(payload).ifPresent(userId -> displayNames.put(userId, payload));

                client.send("/app/group.create", Map.of("clientCommandId", "g-" + i, "name", payload));
                JsonNode created = client.nextReply(WAIT);
                assertThat(created.get("type").asText()).as("group named %s", payload).isIn("GroupCreated", "CommandRejected");
                if (created.get("type").asText().equals("GroupCreated")) {
                    groupNames.put(created.get("groupId").asText(), payload);
                } else {
                    assertThat(created.get("code").asText()).isEqualTo("INVALID_COMMAND");
                    assertThat(PlainText.of(payload)).as("only names with no visible text are refused").isEmpty();
                }
            }
            assertThat(groupNames).as("most hostile names still leave some text").hasSizeGreaterThan(payloads.size() / 2);

            UUID peer = displayNames.keySet().iterator().next();
            List<String> sent = new ArrayList<>();
            for (String payload : payloads) {
                String clientMessageId = payload.length() > 128 ? payload.substring(0, 128) : payload;
                client.send("/app/private.send", Map.of("peerId", peer.toString(), "clientMessageId", clientMessageId,
                        "envelope", Map.of("text", payload)));
                JsonNode reply = client.nextReply(WAIT);
                assertThat(reply.get("type").asText()).as("message %s", payload).isEqualTo("MessageAccepted");
                assertThat(reply.get("clientMessageId").asText()).isEqualTo(clientMessageId);
                sent.add(payload);
            }
            for (UUID named : displayNames.keySet()) {
                if (!named.equals(peer)) {
                    client.send("/app/private.send", Map.of("peerId", named.toString(), "clientMessageId", "hello",
                            "envelope", Map.of("text", "hello")));
                    assertThat(client.nextReply(WAIT).get("type").asText()).isEqualTo("MessageAccepted");
                }
            }
            assertHistoryIsVerbatim(alice, peer, sent);
        }
        assertNamesArePlainText(alice, displayNames, groupNames);
    }

    @Test
    void pathsAndQueryParametersAnswerHostileInputWithClientErrors() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        for (String payload : AttackPayloads.all()) {
            String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8);
            assertThat(rawGet("/api/chats/" + encoded + "/messages", alice)).as("chat id %s", payload).isIn(400, 404);
            assertThat(rawGet("/api/groups/" + encoded, alice)).as("group id %s", payload).isIn(400, 404);
            assertThat(rawGet("/api/chats/" + UUID.randomUUID() + "/messages?beforeSeq=" + encoded, alice))
                    .as("beforeSeq %s", payload).isEqualTo(400);
            assertThat(rawGet("/api/chats/" + UUID.randomUUID() + "/messages/" + encoded + "/status", alice))
                    .as("seq %s", payload).isIn(400, 404);
        }
        assertThat(http.get("/api/chats", alice.accessToken()).status()).as("the read tables still answer").isEqualTo(200);
    }

    private java.util.Optional<UUID> registerNamed(String displayName) {
        String username = "named-" + UUID.randomUUID().toString().substring(0, 8);
        ParleyHttp.Response response = http.post("/api/auth/register",
                Map.of("username", username, "password", "correct horse battery", "displayName", displayName), null);
        assertThat(response.status()).as("display name %s", displayName).isIn(201, 400);
        if (response.status() == 400) {
            assertThat(PlainText.of(displayName)).as("only names with no visible text are refused").isEmpty();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(UUID.fromString(response.body().get("userId").asText()));
    }

    private void assertHistoryIsVerbatim(TestUser alice, UUID peer, List<String> sent) {
        JsonNode chats = await().atMost(WAIT).until(() -> http.get("/api/chats", alice.accessToken()).body(),
                body -> body != null && chatWith(body, peer) != null && chatWith(body, peer).path("lastSeq").asLong() == sent.size());
        String chatId = chatWith(chats, peer).get("chatId").asText();
        ParleyHttp.Response history = http.get("/api/chats/" + chatId + "/messages?afterSeq=0&limit=200", alice.accessToken());
        assertThat(history.contentType().toString()).startsWith("application/json");
        List<String> stored = new ArrayList<>();
        history.body().get("messages").forEach(message -> stored.add(message.get("envelope").get("text").asText()));
        assertThat(stored).as("stored and served as data, byte for byte").containsExactlyElementsOf(sent);
    }

    private void assertNamesArePlainText(TestUser alice, Map<UUID, String> displayNames, Map<String, String> groupNames) {
        JsonNode chats = await().atMost(WAIT).until(() -> http.get("/api/chats", alice.accessToken()).body(),
                body -> body != null && body.size() == displayNames.size() + groupNames.size());
        for (JsonNode chat : chats) {
            String title = chat.get("title").asText();
            String given = chat.get("type").asText().equals("GROUP")
                    ? groupNames.get(chat.get("chatId").asText())
                    : displayNames.get(UUID.fromString(chat.get("peerId").asText()));
            assertThat(title).as("the name given as %s", given).isEqualTo(PlainText.of(given));
            assertThat(PlainText.of(title)).as("no markup left in %s", title).isEqualTo(title);
        }
    }

    private static JsonNode chatWith(JsonNode chats, UUID peer) {
        for (JsonNode chat : chats) {
            if (peer.toString().equals(chat.path("peerId").asText())) {
                return chat;
            }
        }
        return null;
    }

    private int rawGet(String pathAndQuery, TestUser user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + user.accessToken()).GET().build();
        return raw.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
