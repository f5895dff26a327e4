package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.HostileJson;
import parley.command.testing.HostileJson.Mutation;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.TestDatabase;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;
import parley.ops.contract.ApiDocuments;

/**
 * Issue 16's end-to-end fuzzer: Mallory, an ordinary signed-in user, sends random and mutated input to
 * the running platform: raw STOMP frames over a real WebSocket, JSON bodies to every {@code /app/...}
 * command of {@code docs/api/asyncapi.yaml} and requests to every endpoint of {@code docs/api/openapi.json}
 * (ApiContractTest holds both equal to the code, so a new command or endpoint is fuzzed without editing
 * this test). Valid bodies come from the documents' schemas and are then mutated ({@link HostileJson}).
 * Every input is answered (a reply, an ERROR frame and close, a status below 500, never INTERNAL_ERROR);
 * a rejected one appends nothing to the event store; and after each batch the server still answers a
 * well-formed request and Alice, a bystander whom Mallory cannot name, gets her pushes and nothing else.
 *
 * <p>The run's seed is printed; {@code -Dparley.fuzz.seed=<seed>} replays it. Budgets are fixed (the
 * {@code *_TRIES} below) so the class runs in well under a minute once the platform is up.
 */
@PlatformTest
class InputFuzzAttackTest extends RunningPlatform {

    private static final long SEED = Long.getLong("parley.fuzz.seed", new SecureRandom().nextLong());
    private static final int FRAME_TRIES = 60;
    private static final int COMMAND_TRIES = 200;
    private static final int REST_TRIES = 200;
    private static final Duration WAIT = Waits.ASYNC;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNLIMITED = "1000000";

    private static TestDatabase database;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        database = PlatformProperties.register(registry, "fuzz");
        // The fuzzer is one user sending hundreds of inputs: limits would answer most of them 429 instead.
        for (String limit : List.of("ip", "login", "send", "reads", "commands")) {
            registry.add("parley.ratelimit.classes." + limit + ".limit", () -> UNLIMITED);
        }
    }

    private final HttpClient raw = HttpClient.newHttpClient();
    private TestUser alice;
    private TestUser bob;
    private TestUser mallory;
    /** Alice's session, open through every batch; Bob connects only to send the marker after it. */
    private StompTestClient aliceSession;
    /** Ids Mallory may name: hers, Bob's, their group and chat, and made-up ones; never Alice's. */
    private List<String> ids;
    private Random random;

    @BeforeEach
    void people(org.junit.jupiter.api.TestInfo test) throws Exception {
        random = new Random(SEED ^ test.getDisplayName().hashCode());
        System.out.println("InputFuzzAttackTest." + test.getDisplayName() + " seed = " + SEED
                + " (replay: -Dparley.fuzz.seed=" + SEED + ")");
        alice = http.registerAndLogin("alice");
        bob = http.registerAndLogin("bob");
        mallory = http.registerAndLogin("mallory");
        aliceSession = StompTestClient.connect(wsUrl(), alice.accessToken());
        try (StompTestClient setup = StompTestClient.connect(wsUrl(), mallory.accessToken())) {
            setup.send("/app/group.create", Map.of("name", "Fuzz", "memberIds", List.of(bob.userId().toString())));
            String groupId = setup.nextReply(WAIT).path("groupId").asText();
            setup.send("/app/private.send", Map.of("peerId", bob.userId().toString(), "clientMessageId", "setup",
                    "envelope", Map.of("text", "hello")));
            String chatId = setup.nextReply(WAIT).path("chatId").asText();
            ids = List.of(mallory.userId().toString(), bob.userId().toString(), groupId, chatId);
        }
    }

    @AfterEach
    void closeSessions() {
        aliceSession.close();
    }

    // ---- raw STOMP frames ----

    @Test
    void randomAndMutatedStompFramesAreAnsweredAndReachNobodyElse() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < FRAME_TRIES; i++) {
            String frame = randomFrame();
            try (RawStompSocket socket = RawStompSocket.connect(wsUrl(), mallory.accessToken())) {
                socket.send("SUBSCRIBE", Map.of("id", "probe-replies", "destination", "/user/queue/replies"), "");
                socket.sendFrame(frame);
                // A probe after the frame: the session either still serves it or has been closed with an ERROR.
                String probe = "probe-" + i;
                try {
                    socket.send("SEND", Map.of("destination", "/app/session.ping", "content-type", "application/json"),
                            "{\"clientCommandId\":\"" + probe + "\"}");
                } catch (java.util.concurrent.ExecutionException closedAlready) {
                    // the server has closed the session after the frame: its ERROR and close are read below
                }
                String answer = answerTo(socket, probe);
                if (answer == null || answer.contains("INTERNAL_ERROR")) {
                    failures.add("frame " + i + " " + JSON.writeValueAsString(frame) + " -> " + answer);
                }
            }
        }
        assertThat(failures).as("frames without an answer (seed %s)", SEED).isEmpty();
        bystanderStillServed("frames");
    }

    /** The probe's reply, or the ERROR or close that ended the session; null if nothing came. */
    private static String answerTo(RawStompSocket socket, String probe) throws InterruptedException {
        for (String frame; (frame = socket.nextFrame(WAIT)) != null; ) {
            if (frame.startsWith("ERROR") || frame.startsWith("CLOSED") || frame.contains(probe) || frame.contains("INTERNAL_ERROR")) {
                return frame;
            }
        }
        return null;
    }

    private String randomFrame() {
        String command = pick(List.of("SEND", "SEND", "SEND", "SUBSCRIBE", "UNSUBSCRIBE", "CONNECT", "STOMP", "MESSAGE",
                "RECEIPT", "ERROR", "ACK", "NACK", "BEGIN", "COMMIT", "ABORT", "DISCONNECT", "send", "SEND ", "", "X"));
        String destination = pick(List.of("/app/" + pick(commands()).name(), "/app/" + pick(commands()).name(),
                "/user/queue/events", "/user/queue/replies", "/user/" + alice.userId() + "/queue/events",
                "/user/" + alice.username() + "/queue/events", "/queue/events", "/topic/x", "/app/../user/queue/events",
                "/app/%2e%2e/x", "/app/", "/app/private.send\u0000", "/app/\u0430pp", "", "/app/" + "x".repeat(70)));
        StringBuilder frame = new StringBuilder(command).append('\n');
        if (random.nextInt(8) != 0) {
            frame.append("destination:").append(destination).append('\n');
        }
        List<String> headers = List.of("content-type:application/json", "content-type:text/plain", "content-length:0",
                "content-length:-1", "content-length:abc", "receipt:r-1", "id:sub-" + random.nextInt(3), "id:\\c\\n",
                "receipt:\\q", "heart-beat:1,1", "transaction:tx-1", "subscription:sub-0", "message-id:1", "no-colon", ":",
                "x-" + "h".repeat(random.nextInt(2000)) + ":v", "accept-version:9.9", "Authorization:Bearer not-a-token");
        for (int n = random.nextInt(4); n > 0; n--) {
            frame.append(pick(headers)).append('\n');
        }
        frame.append('\n');
        Command target = pick(commands());
        byte[] body = HostileJson.mutatedBytes(target.validBody(this), HostileJson.randomScript(random, 3));
        return frame.append(random.nextInt(5) == 0 ? "" : new String(body, StandardCharsets.UTF_8)).toString();
    }

    // ---- JSON bodies of every /app/... command ----

    @Test
    void randomBodiesToEveryCommandAreAnsweredAndRejectedOnesChangeNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        // A raw session subscribed to its replies only: no pushes, so no delivery receipts of its own sent
        // behind the test's back (a real client's acknowledgements would be events stored between the checks).
        try (RawStompSocket client = RawStompSocket.connect(wsUrl(), mallory.accessToken())) {
            client.send("SUBSCRIBE", Map.of("id", "replies", "destination", "/user/queue/replies"), "");
            for (int i = 0; i < COMMAND_TRIES; i++) {
                Command command = pick(commands());
                List<Mutation> script = random.nextInt(10) == 0 ? List.of() : HostileJson.randomScript(random, 3);
                String body = new String(HostileJson.mutatedBytes(command.validBody(this), script), StandardCharsets.UTF_8);
                long lastEvent = lastStoredEvent();
                client.send("SEND", Map.of("destination", command.destination(), "content-type", "application/json",
                        "content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)), body);
                // Frames are handled in order: the command's reply, if any, comes before the probe's Pong.
                String probe = "probe-" + i;
                client.send("SEND", Map.of("destination", "/app/session.ping", "content-type", "application/json"),
                        "{\"clientCommandId\":\"" + probe + "\"}");
                List<JsonNode> replies = new ArrayList<>();
                JsonNode reply;
                while ((reply = replyIn(client.nextFrame(WAIT))) != null && !probe.equals(reply.path("clientCommandId").asText())) {
                    replies.add(reply);
                    if (reply.has("frame")) {
                        reply = null; // an ERROR or a close: the session is gone
                        break;
                    }
                }
                String what = command.destination() + " " + script + " " + abbreviated(body);
                if (reply == null) {
                    failures.add(what + " -> the session stopped answering after " + replies);
                    break; // nothing later would be answered either
                }
                boolean refused = replies.stream().anyMatch(r -> "CommandRejected".equals(r.path("type").asText()));
                if (replies.size() > 1 || replies.isEmpty() && command.repliesOnSuccess()
                        || replies.stream().anyMatch(r -> "INTERNAL_ERROR".equals(r.path("code").asText()))) {
                    failures.add(what + " -> " + replies);
                }
                if (refused) {
                    rejected++;
                    List<String> stored = eventsAfter(lastEvent);
                    if (!stored.isEmpty()) {
                        failures.add(what + " -> rejected, yet events stored: " + stored + " " + replies);
                    }
                }
            }
        }
        System.out.println("InputFuzzAttackTest commands: " + COMMAND_TRIES + " sent, " + rejected + " rejected");
        assertThat(failures).as("commands answered badly (seed %s)", SEED).isEmpty();
        assertThat(rejected).as("the mutations do reach the checks").isGreaterThan(COMMAND_TRIES / 4);
        bystanderStillServed("commands");
    }

    /** The JSON body of a MESSAGE frame; null for no frame; the frame as text in "frame" for anything else. */
    private static JsonNode replyIn(String frame) throws Exception {
        if (frame == null) {
            return null;
        }
        if (!frame.startsWith("MESSAGE")) {
            return JSON.createObjectNode().put("type", "not a reply").put("frame", frame);
        }
        String body = frame.substring(frame.indexOf("\n\n") + 2);
        return JSON.readTree(body.endsWith("\0") ? body.substring(0, body.length() - 1) : body);
    }

    /** An {@code /app/...} channel of the AsyncAPI document and the schema of its payload. */
    record Command(String destination, JsonNode schema, boolean repliesOnSuccess) {

        String name() {
            return destination.substring("/app/".length());
        }

        JsonNode validBody(InputFuzzAttackTest test) {
            return test.validValue(ASYNC_API, schema, "");
        }
    }

    private static final JsonNode ASYNC_API = ApiDocuments.asyncApi();
    private static final JsonNode OPEN_API = ApiDocuments.openApi();

    private static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        ASYNC_API.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            if (address.startsWith("/app/")) {
                JsonNode message = ApiDocuments.resolve(ASYNC_API, channel.path("messages").elements().next());
                commands.add(new Command(address, ApiDocuments.resolve(ASYNC_API, message.path("payload")), repliesOnSuccess(channel)));
            }
        });
        return commands;
    }

    /** Whether the channel's operation documents a reply besides CommandRejected ("no reply unless rejected" otherwise). */
    private static boolean repliesOnSuccess(JsonNode channel) {
        for (JsonNode operation : ASYNC_API.path("operations")) {
            if (ApiDocuments.resolve(ASYNC_API, operation.path("channel")) == channel) {
                for (JsonNode reply : operation.path("reply").path("messages")) {
                    if (!reply.path("$ref").asText().endsWith("/CommandRejected")) {
                        return true;
                    }
                }
                return false;
            }
        }
        throw new AssertionError("no operation for " + channel);
    }

    // ---- every REST endpoint ----

    @Test
    void randomInputsToEveryEndpointAreAnsweredBelow500AndRejectedOnesChangeNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Endpoint> endpoints = endpoints();
        String malloryToken = mallory.accessToken();
        int clientErrors = 0;
        for (int i = 0; i < REST_TRIES; i++) {
            Endpoint endpoint = pick(endpoints);
            HttpRequest request = randomRequest(endpoint, malloryToken);
            long lastEvent = lastStoredEvent();
            HttpResponse<String> response = raw.send(request, HttpResponse.BodyHandlers.ofString());
            String what = request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + abbreviated(response.body());
            if (response.statusCode() >= 500) {
                failures.add(what);
            } else if (response.statusCode() >= 400) {
                clientErrors++;
                List<String> stored = eventsAfter(lastEvent);
                if (!stored.isEmpty()) {
                    failures.add(what + ": refused, yet events stored: " + stored);
                }
            }
            if (endpoint.path().contains("logout") && response.statusCode() < 300) {
                malloryToken = http.login(mallory).body().path("accessToken").asText(); // go on as a signed-in user
            }
        }
        System.out.println("InputFuzzAttackTest REST: " + REST_TRIES + " requests, " + clientErrors + " refused with 4xx");
        assertThat(failures).as("requests answered with 5xx or that changed state when refused (seed %s)", SEED).isEmpty();
        bystanderStillServed("rest");
    }

    record Endpoint(String method, String path, JsonNode operation) {
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        OPEN_API.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                endpoints.add(new Endpoint(operation.getKey().toUpperCase(), path.getKey(), operation.getValue()))));
        assertThat(endpoints).as("the endpoints of docs/api/openapi.json").hasSizeGreaterThan(10);
        return endpoints;
    }

    private HttpRequest randomRequest(Endpoint endpoint, String token) {
        String path = endpoint.path();
        StringBuilder query = new StringBuilder();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(WAIT);
        for (JsonNode parameter : endpoint.operation().path("parameters")) {
            JsonNode schema = parameter.path("schema");
            String value = random.nextInt(3) == 0 ? hostileParameter() : validValue(OPEN_API, schema, parameter.path("name").asText()).asText();
            switch (parameter.path("in").asText()) {
                case "path" -> path = path.replace("{" + parameter.path("name").asText() + "}", encoded(value));
                case "query" -> {
                    if (random.nextBoolean()) {
                        query.append(query.isEmpty() ? "?" : "&").append(parameter.path("name").asText()).append('=').append(encoded(value));
                    }
                }
                case "header" -> {
                    if (random.nextBoolean()) {
                        request.header(parameter.path("name").asText(), headerSafe(value));
                    }
                }
                case "cookie" -> {
                    if (random.nextBoolean()) {
                        request.header("Cookie", parameter.path("name").asText() + "=" + encoded(value));
                    }
                }
                default -> throw new IllegalStateException("parameter in " + parameter);
            }
        }
        switch (random.nextInt(6)) {
            case 0 -> { } // anonymous
            case 1 -> request.header("Authorization", pick(List.of("Bearer x", "Bearer " + token + "x", "Basic YTpi", "Bearer ")));
            default -> request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        JsonNode content = endpoint.operation().path("requestBody").path("content").path("application/json").path("schema");
        if (!content.isMissingNode() && random.nextInt(8) != 0) {
            JsonNode valid = validValue(OPEN_API, content, "");
            List<Mutation> script = random.nextInt(6) == 0 ? List.of() : HostileJson.randomScript(random, 3);
            body = HttpRequest.BodyPublishers.ofByteArray(HostileJson.mutatedBytes(valid, script));
            request.header("Content-Type", pick(List.of("application/json", "application/json", "application/json",
                    "text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded")));
        }
        return request.uri(URI.create(baseUrl() + path + query)).method(endpoint.method(), body).build();
    }

    private String hostileParameter() {
        return pick(List.of("", " ", "0", "-1", "9223372036854775808", "99999999999999999999", "1e3", "NaN", "null",
                "../../etc/passwd", "..", "%00", "\u0000", "' OR 1=1 --", "<script>", "\uD83D\uDE00", "\u202E",
                "x".repeat(5000), UUID.randomUUID().toString().toUpperCase(), "00000000-0000-0000-0000-000000000000",
                "11111111-1111-4111-8111-11111111111", "a/b", "a;b", "a?b", "a#b", alice.userId().toString()));
    }

    private static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** What the JDK client lets through as a header value (no control characters, no line breaks). */
    private static String headerSafe(String value) {
        return value.codePoints().filter(c -> c >= 0x20 && c < 0x7F).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
    }

    // ---- valid values from the documents' schemas ----

    private static final Pattern FIXED_LENGTH = Pattern.compile("\\{(\\d+)}");

    JsonNode validValue(JsonNode document, JsonNode schemaOrRef, String name) {
        JsonNode schema = ApiDocuments.resolve(document, schemaOrRef);
        if (schema.has("enum")) {
            ArrayNode values = (ArrayNode) schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "boolean" -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case "array" -> JSON.createArrayNode().add(validValue(document, schema.path("items"), name));
            case "string" -> JSON.getNodeFactory().textNode(validText(schema, name));
            default -> {
                ObjectNode object = JSON.createObjectNode();
                if (!schema.has("properties")) {
                    yield object.put("text", "fuzz"); // an envelope: unencrypted is allowed in tests
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = schema.get("properties").fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.set(field.getKey(), validValue(document, field.getValue(), field.getKey()));
                }
                yield object;
            }
        };
    }

    private String validText(JsonNode schema, String name) {
        String pattern = schema.path("pattern").asText("");
        if ("uuid".equals(schema.path("format").asText()) || pattern.contains("[0-9a-fA-F]{8}")) {
            return random.nextInt(5) == 0 ? UUID.randomUUID().toString() : pick(ids);
        }
        Matcher fixed = FIXED_LENGTH.matcher(pattern);
        if (fixed.find()) {
            return "A".repeat(Integer.parseInt(fixed.group(1))); // a key: base64url of zero bytes
        }
        if (name.equals("username")) {
            return "fz" + Integer.toString(random.nextInt(1 << 30), 36);
        }
        if (name.equals("password")) {
            return "correct horse battery";
        }
        if (name.toLowerCase().contains("token")) {
            return mallory.accessToken();
        }
        return name.endsWith("Id") ? "fz-" + random.nextInt(1000) : "Fuzz";
    }

    // ---- the checks after each batch ----

    /**
     * The server still answers a well-formed request, and Alice's session, open all along, receives Bob's
     * message with nothing before it that Mallory sent: no fuzzed input reached another user.
     */
    private void bystanderStillServed(String batch) throws Exception {
        assertThat(http.get("/api/chats", alice.accessToken()).status()).as("a well-formed request after the %s", batch).isEqualTo(200);
        String marker = "after-" + batch;
        try (StompTestClient bobSession = StompTestClient.connect(wsUrl(), bob.accessToken())) {
            bobSession.send("/app/private.send", Map.of("peerId", alice.userId().toString(), "clientMessageId", marker,
                    "envelope", Map.of("text", "still there?")));
            JsonNode accepted = bobSession.nextReply(WAIT);
            assertThat(accepted != null && accepted.has("seq")).as("Bob's send is accepted: %s", accepted).isTrue();
        }
        List<JsonNode> seen = new ArrayList<>();
        for (JsonNode event; (event = aliceSession.nextEvent(WAIT, any -> true)) != null; ) {
            seen.add(event);
            if (marker.equals(event.path("clientMessageId").asText())) {
                break;
            }
        }
        assertThat(seen).as("Alice's events after the %s", batch).isNotEmpty();
        JsonNode last = seen.get(seen.size() - 1);
        assertThat(last.path("clientMessageId").asText()).as("Alice got Bob's message: %s", seen).isEqualTo(marker);
        // Bob's chat with her and Bob's presence (he goes offline as his session closes): nothing else.
        assertThat(seen).as("Alice got nothing but Bob's chat and presence").allSatisfy(event -> {
            assertThat(event.path("chatId").asText().equals(last.path("chatId").asText())
                    || event.path("userId").asText().equals(bob.userId().toString())).as("%s", event).isTrue();
            assertThat(event.toString()).doesNotContain(mallory.userId().toString());
        });
    }

    private static long lastStoredEvent() throws Exception {
        try (Connection connection = eventStore();
                ResultSet last = connection.createStatement().executeQuery("SELECT coalesce(max(globalindex), 0) FROM domainevententry")) {
            last.next();
            return last.getLong(1);
        }
    }

    /** The events appended after {@code globalIndex}, as type and aggregate. */
    private static List<String> eventsAfter(long globalIndex) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection connection = eventStore(); var query = connection.prepareStatement(
                "SELECT payloadtype, aggregateidentifier FROM domainevententry WHERE globalindex > ? ORDER BY globalindex")) {
            query.setLong(1, globalIndex);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1) + "@" + rows.getString(2));
                }
            }
        }
        return events;
    }

    private static Connection eventStore() throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
