package parley.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.HandlerMethod;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import parley.command.rejection.RejectionCode;
import parley.command.stomp.StompMapping;
import parley.command.stomp.StompRequest;
import parley.command.testing.PlatformProperties;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Issue 15, acceptance 5: the API contracts say what the code does, no more and no less. Against the
 * whole platform in one context (every controller and STOMP handler of every service):
 *
 * <ul>
 *   <li>REST: the (method, path) pairs Spring MVC maps are exactly those of {@code docs/api/openapi.json},
 *       and the document served at {@code /api/openapi.json} is the committed one, so neither can drift.
 *       {@code -Dparley.api.regenerate=true} writes the served document to the file first (then review the diff);
 *   <li>STOMP: the destinations of the {@code @StompMapping} handlers are exactly the {@code /app/...}
 *       channels of {@code docs/api/asyncapi.yaml}; each command's request record has exactly the fields of
 *       its payload schema, and its reply record those of its success reply; the rejection records and codes
 *       those of {@code CommandRejected}; the server's queues and the event records those of the document.
 * </ul>
 */
@PlatformTest
class ApiContractTest extends RunningPlatform {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping restMappings;
    @Autowired
    private SimpAnnotationMethodMessageHandler stompHandlers;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "api-contract");
    }

    // ---- REST ----

    @Test
    void everyRestEndpointInTheCodeIsDocumentedAndNothingElse() {
        Set<String> inCode = new TreeSet<>();
        restMappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.springdoc")) {
                return; // the document's own endpoint
            }
            for (String path : info.getPatternValues()) {
                if (path.equals("/error") || path.startsWith("/actuator")) {
                    continue;
                }
                assertThat(info.getMethodsCondition().getMethods()).as(path + " answers every HTTP method").isNotEmpty();
                info.getMethodsCondition().getMethods().forEach(method -> inCode.add(method.name() + " " + path));
            }
        });

        Set<String> documented = new TreeSet<>();
        ApiDocuments.openApi().get("paths").properties().forEach(path -> ApiDocuments.fieldNames(path.getValue()).stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(key))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));

        assertThat(inCode).as("REST endpoints in the code (left) and in docs/api/openapi.json").isEqualTo(documented);
    }

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        HttpResponse<String> served = get("/api/openapi.json", "evil.example");
        assertThat(served.statusCode()).as("public, without a token").isEqualTo(200);
        if (Boolean.getBoolean(ApiDocuments.REGENERATE)) {
            Files.writeString(ApiDocuments.openApiFile(), served.body().strip() + "\n", StandardCharsets.UTF_8);
        }
        JsonNode document = JSON.readTree(served.body());

        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.get("servers").toString())
                .as("the server is relative, never the request's Host").isEqualTo("[{\"url\":\"/\",\"description\":\"the origin that serves this document\"}]");
        assertThat(document)
                .as("served /api/openapi.json equals docs/api/openapi.json; regenerate with -D" + ApiDocuments.REGENERATE + "=true")
                .isEqualTo(ApiDocuments.openApi());
    }

    @Test
    void theDocumentIsOnlyReadAndExposesNoInternalEndpoint() throws Exception {
        String document = get("/api/openapi.json", "127.0.0.1").body();
        assertThat(document).doesNotContain("/actuator", "\"/error\"", "/ws\"", "swagger-ui");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/openapi.json"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(401, 403, 405);
        assertThat(get("/api/openapi.json/x", "127.0.0.1").statusCode()).as("no group documents").isIn(401, 404);
    }

    // ---- STOMP ----

    @Test
    void everyStompCommandInTheCodeIsAChannelOfTheDocumentAndNothingElse() {
        Map<String, HandlerMethod> inCode = stompCommands();
        JsonNode doc = ApiDocuments.asyncApi();
        Set<String> documented = new TreeSet<>();
        doc.get("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            if (address.startsWith("/app/")) {
                documented.add(address);
            }
        });

        assertThat(inCode.keySet()).as("STOMP commands in the code (left) and /app channels in docs/api/asyncapi.yaml")
                .isEqualTo(documented);
    }

    @Test
    void eachCommandsRequestAndReplyHaveTheFieldsOfTheirRecords() {
        JsonNode doc = ApiDocuments.asyncApi();
        List<String> mismatches = new ArrayList<>();
        stompCommands().forEach((destination, handler) -> {
            String channelId = channelIdOf(doc, destination);
            if (channelId == null) {
                mismatches.add(destination + ": no channel (see the test of the channels)");
                return;
            }
            JsonNode operation = operationOn(doc, channelId);
            Class<?> request = Arrays.stream(handler.getMethodParameters()).map(MethodParameter::getParameterType)
                    .filter(StompRequest.class::isAssignableFrom).findFirst()
                    .orElseThrow(() -> new AssertionError(destination + " takes no StompRequest"));
            JsonNode requestMessages = operation.get("messages");
            assertThat(requestMessages).as(destination + ": one request message").hasSize(1);
            compare(mismatches, destination + " request", components(request), properties(doc, requestMessages.get(0)));

            List<JsonNode> replies = new ArrayList<>();
            operation.path("reply").path("messages").forEach(message -> replies.add(ApiDocuments.resolve(doc, message)));
            assertThat(operation.path("reply").path("channel").path("$ref").asText()).isEqualTo("#/channels/replies");
            assertThat(replies.stream().map(message -> message.path("name").asText()))
                    .as(destination + " may be rejected").contains("CommandRejected");
            List<JsonNode> successes = replies.stream().filter(message -> !message.path("name").asText().equals("CommandRejected")).toList();
            Class<?> reply = handler.getReturnType().getParameterType();
            if (reply == void.class) {
                assertThat(successes).as(destination + " answers only when rejected").isEmpty();
            } else {
                assertThat(successes).as(destination + ": one success reply").hasSize(1);
                if (reply.isRecord()) {
                    compare(mismatches, destination + " reply", components(reply), properties(doc, successes.get(0)));
                }
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void rejectionsHaveTheFieldsAndCodesOfTheDocument() throws Exception {
        JsonNode doc = ApiDocuments.asyncApi();
        Set<String> inCode = new TreeSet<>();
        for (String record : List.of("Rejected", "StaleDevices", "RetryLater")) {
            inCode.addAll(components(Class.forName("parley.command.stomp.Replies$" + record)));
        }
        JsonNode rejected = doc.at("/components/schemas/CommandRejected");
        assertThat(new TreeSet<>(ApiDocuments.fieldNames(rejected.get("properties")))).isEqualTo(inCode);

        Set<String> codes = new TreeSet<>();
        ApiDocuments.resolve(doc, rejected.at("/properties/code")).get("enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).isEqualTo(Stream.of(RejectionCode.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void theServersQueuesAreTheDocumentsAndSoAreTheEventRecords() throws Exception {
        JsonNode doc = ApiDocuments.asyncApi();
        Set<String> queuesInCode = new TreeSet<>();
        queuesInCode.addAll(Arrays.stream(StompMapping.class.getAnnotation(SendToUser.class).destinations())
                .map(queue -> "/user" + queue).toList());
        Field events = Class.forName("parley.command.push.LocalSessions").getDeclaredField("EVENTS_QUEUE");
        events.setAccessible(true);
        queuesInCode.add("/user" + events.get(null));
        Set<String> documentedQueues = new TreeSet<>();
        doc.get("channels").forEach(channel -> {
            if (channel.path("address").asText().startsWith("/user/")) {
                documentedQueues.add(channel.path("address").asText());
            }
        });
        assertThat(queuesInCode).as("the queues the server sends to (left) and the document's").isEqualTo(documentedQueues);

        // Events built from records; Typing and PresenceChanged are built field by field (Redis relays them as JSON).
        Map<String, String> records = new TreeMap<>(Map.of(
                "MessageReceived", "parley.command.push.MessageReceived",
                "ReceiptUpdated", "parley.command.push.ReceiptUpdated",
                "DeviceListChanged", "parley.command.push.DeviceListChanged",
                "Reconnect", "parley.command.shutdown.Reconnect",
                "MemberAdded", "parley.api.group.MemberAdded",
                "MemberRemoved", "parley.api.group.MemberRemoved",
                "GroupRenamed", "parley.api.group.GroupRenamed",
                "RoleChanged", "parley.api.group.RoleChanged",
                "MessageEdited", "parley.api.message.MessageEdited",
                "MessageRedacted", "parley.api.message.MessageRedacted"));
        JsonNode eventMessages = doc.at("/channels/events/messages");
        assertThat(ApiDocuments.fieldNames(eventMessages)).containsAll(records.keySet());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : eventMessages.properties()) {
            JsonNode payload = ApiDocuments.resolve(doc, ApiDocuments.resolve(doc, entry.getValue()).get("payload"));
            assertThat(payload.at("/properties/type/const").asText()).as(entry.getKey() + "'s type").isEqualTo(entry.getKey());
            String record = records.get(entry.getKey());
            if (record != null) {
                Set<String> fields = new LinkedHashSet<>(List.of("type")); // LivePush adds it to the events-schema records
                fields.addAll(components(Class.forName(record)));
                compare(mismatches, entry.getKey() + " event", fields, ApiDocuments.fieldNames(payload.get("properties")));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** {@code /app/<destination>} of every STOMP handler method, as Spring registered them. */
    private Map<String, HandlerMethod> stompCommands() {
        assertThat(stompHandlers.getDestinationPrefixes()).containsExactly("/app/");
        Map<String, HandlerMethod> commands = new TreeMap<>();
        stompHandlers.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getDestinationConditions().getPatterns()) {
                assertThat(commands.put("/app/" + pattern.replaceFirst("^/", ""), handler)).as("one handler for " + pattern).isNull();
            }
        });
        return commands;
    }

    private static String channelIdOf(JsonNode doc, String address) {
        for (Map.Entry<String, JsonNode> channel : doc.get("channels").properties()) {
            if (channel.getValue().path("address").asText().equals(address)) {
                return channel.getKey();
            }
        }
        return null;
    }

    private static JsonNode operationOn(JsonNode doc, String channelId) {
        List<JsonNode> operations = new ArrayList<>();
        doc.get("operations").forEach(operation -> {
            if (operation.path("channel").path("$ref").asText().equals("#/channels/" + channelId)) {
                operations.add(operation);
            }
        });
        assertThat(operations).as("one operation on channel " + channelId).hasSize(1);
        assertThat(operations.get(0).path("action").asText()).as("the server receives " + channelId).isEqualTo("receive");
        return operations.get(0);
    }

    private static Set<String> properties(JsonNode doc, JsonNode messageRef) {
        JsonNode message = ApiDocuments.resolve(doc, messageRef);
        return ApiDocuments.fieldNames(ApiDocuments.resolve(doc, message.get("payload")).get("properties"));
    }

    private static Set<String> components(Class<?> record) {
        assertThat(record.isRecord()).as(record.getName() + " is a record").isTrue();
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void compare(List<String> mismatches, String what, Set<String> inCode, Set<String> documented) {
        if (!new TreeSet<>(inCode).equals(new TreeSet<>(documented))) {
            mismatches.add(what + ": code " + new TreeSet<>(inCode) + ", document " + new TreeSet<>(documented));
        }
    }

    private HttpResponse<String> get(String path, String forwardedHost) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("X-Forwarded-Host", forwardedHost).header("X-Forwarded-Proto", "https").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
