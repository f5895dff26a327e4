package parley.ops.attack;

import parley.ops.Waits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Oversized frames, bodies and fields are refused with a clear error and store nothing; every
 * response, refusals included, carries the browser hardening headers.
 */
@PlatformTest
class InputLimitsAttackTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final int MAX_FRAME = 262_144;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "limits");
    }

    final HttpClient raw = HttpClient.newHttpClient();

    @Test
    void aFrameOverTheLimitClosesOnlyThatSessionAndStoresNothing() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        StompTestClient flooder = StompTestClient.connect(wsUrl(), alice.accessToken());
        boolean closedWhileSending;
        try {
            flooder.sendRaw("/app/private.send", privateSend(bob, "huge", "x".repeat(MAX_FRAME + 1024)));
            closedWhileSending = false;
        } catch (MessageDeliveryException e) {
            // The frame arrives in parts; the server refuses it at the part that crosses the limit.
            closedWhileSending = true;
        }

        assertThat(closedWhileSending || flooder.nextError(WAIT) != null).as("the server drops the connection").isTrue();
        try (StompTestClient again = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            again.sendRaw("/app/private.send", privateSend(bob, "fine", "small"));
            assertThat(again.nextReply(WAIT).get("seq").asLong()).as("the oversized message was never stored").isEqualTo(1);
        }
    }

    @Test
    void anEnvelopeOverItsLimitIsRejectedInsideAnAcceptableFrame() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            client.sendRaw("/app/private.send", privateSend(bob, "big", "y".repeat(100_000)));
            JsonNode reply = client.nextReply(WAIT);
            assertThat(reply.get("code").asText()).isEqualTo("ENVELOPE_TOO_LARGE");

            client.sendRaw("/app/private.send", privateSend(bob, "after", "small"));
            assertThat(client.nextReply(WAIT).get("seq").asLong()).isEqualTo(1);
        }
    }

    @Test
    void oversizedFieldsAreRejectedByName() throws Exception {
        TestUser alice = http.registerAndLogin("alice");
        TestUser bob = http.registerAndLogin("bob");
        try (StompTestClient client = StompTestClient.connect(wsUrl(), alice.accessToken())) {
            client.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "c".repeat(129),
                    "envelope", Map.of()));
            assertRejected(client.nextReply(WAIT), "clientMessageId");

            client.send("/app/group.create", Map.of("name", "n".repeat(2_000)));
            assertRejected(client.nextReply(WAIT), "name");

            List<String> crowd = IntStream.range(0, 1_100).mapToObj(i -> UUID.randomUUID().toString()).toList();
            client.send("/app/group.create", Map.of("name", "Crowd", "memberIds", crowd));
            assertRejected(client.nextReply(WAIT), "memberIds");

            client.send("/app/presence.get", Map.of("userIds", Collections.nCopies(201, bob.userId().toString())));
            assertRejected(client.nextReply(WAIT), "userIds");

            client.send("/app/chat.read", Map.of("chatId", UUID.randomUUID().toString(), "upToSeq", "5"));
            assertRejected(client.nextReply(WAIT), "upToSeq");
        }
        ParleyHttp.Response longName = http.post("/api/auth/register",
                Map.of("username", "u" + UUID.randomUUID().toString().substring(0, 8), "password", "correct horse battery",
                        "displayName", "d".repeat(65)), null);
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.body().get("errors").get(0).get("field").asText()).isEqualTo("displayName");

        ParleyHttp.Response hugePage = http.get("/api/chats/" + UUID.randomUUID() + "/messages?limit=100000", alice.accessToken());
        assertThat(hugePage.status()).as("a page is at most 200 messages").isEqualTo(400);
        assertThat(hugePage.contentType()).hasToString("application/problem+json");
    }

    @Test
    void anOversizedHttpBodyIsRefusedBeforeItIsRead() throws Exception {
        String body = "{\"username\":\"" + "a".repeat(200_000) + "\",\"password\":\"x\"}";
        HttpResponse<String> declared = raw.send(post("/api/auth/login", HttpRequest.BodyPublishers.ofString(body)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // No Content-Length: the body is streamed in chunks and cut off once past the limit.
        HttpResponse<String> chunked = raw.send(post("/api/auth/login",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes()))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isIn(400, 413);
    }

    @Test
    void everyResponseCarriesTheHardeningHeaders() throws Exception {
        for (HttpRequest request : List.of(
                get("/.well-known/jwks.json"),
                get("/api/chats"),
                get("/no/such/page"),
                post("/api/auth/login", HttpRequest.BodyPublishers.ofString("{")),
                post("/api/auth/login", HttpRequest.BodyPublishers.ofString("{\"u\":\"" + "z".repeat(100_000) + "\"}")))) {
            HttpResponse<Void> response = raw.send(request, HttpResponse.BodyHandlers.discarding());
            String what = request.method() + " " + request.uri().getPath() + " -> " + response.statusCode();
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(response.headers().allValues("X-Frame-Options")).as(what + ": set once").hasSize(1);
        }
    }

    private static void assertRejected(JsonNode reply, String field) {
        assertThat(reply.get("type").asText()).isEqualTo("CommandRejected");
        assertThat(reply.get("code").asText()).isEqualTo("INVALID_COMMAND");
        assertThat(reply.get("detail").asText()).contains(field);
    }

    private static String privateSend(TestUser peer, String clientMessageId, String text) {
        return "{\"peerId\":\"" + peer.userId() + "\",\"clientMessageId\":\"" + clientMessageId
                + "\",\"envelope\":{\"text\":\"" + text + "\"}}";
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build();
    }

    private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json").POST(body).build();
    }

}
