package parley.ops.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.cloudevents.ChatEventTypes;
import parley.api.privatechat.PrivateMessageSent;
import parley.client.ParleyClient;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;
import parley.client.messages.Sent;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;
import parley.local.FinishedSpans;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Issue 15's trace: a message sent with the Java SDK is one trace from the STOMP command through
 * the event store (its metadata) and the Kafka record (its headers) to the projection and the live
 * push, and the processor and listener threads log with its trace id. A client cannot choose it.
 */
@PlatformTest
@AutoConfigureObservability(metrics = false) // a Spring Boot test otherwise replaces the tracer by a no-op one
@Import(TracingEndToEndTest.Recorders.class)
class TracingEndToEndTest extends RunningPlatform {

    private static final Duration WAIT = Waits.ASYNC;
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path keys;
    @Autowired
    private FinishedSpans spans;
    @Autowired
    private Recorders recorders;
    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-tracing");
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        // The SDK over plain HTTP, as ./parley up serves it (see SdkEndToEndTest).
        registry.add("parley.auth.cookies.secure", () -> "false");
    }

    /** Finished spans, and the trace id in the MDC (what the log pattern prints) on the threads that handle events. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Recorders {

        final Map<String, String> processorThreadTraceIds = new ConcurrentHashMap<>();
        final Map<String, String> listenerThreadTraceIds = new ConcurrentHashMap<>();

        @Bean
        FinishedSpans finishedSpans() {
            return new FinishedSpans();
        }

        @Bean
        ProcessorThreadMdc processorThreadMdc() {
            return new ProcessorThreadMdc(processorThreadTraceIds);
        }

        @Bean
        ListenerThreadMdc listenerThreadMdc() {
            return new ListenerThreadMdc(listenerThreadTraceIds);
        }
    }

    /** A tracking processor of its own, beside the Kafka publisher, on a processor thread. */
    @ProcessingGroup("tracing-test-mdc")
    record ProcessorThreadMdc(Map<String, String> traceIds) {
        @EventHandler
        void on(PrivateMessageSent sent) {
            traceIds.put(sent.messageId().toString(), String.valueOf(MDC.get("traceId")));
        }
    }

    /** A record listener on the same container factory as live push. */
    record ListenerThreadMdc(Map<String, String> traceIds) {
        @KafkaListener(id = "tracing-test-mdc", topics = ChatEventTypes.TOPIC, groupId = "tracing-test-mdc",
                properties = "auto.offset.reset=earliest")
        void on(ConsumerRecord<String, String> record) {
            traceIds.put(record.value(), String.valueOf(MDC.get("traceId")));
        }
    }

    @Test
    void aMessageSentWithTheSdkIsOneTraceFromTheStompCommandToTheProjectionAndTheLivePush() throws Exception {
        String bob = register("bob");
        register("alice");
        List<ChatEvent> bobsEvents = new CopyOnWriteArrayList<>();
        try (ParleyClient alice = connect("alice", event -> { });
                ParleyClient bobsPhone = connect("bob", bobsEvents::add)) {
            await().atMost(WAIT).ignoreExceptionsInstanceOf(ApiException.class)
                    .until(() -> alice.api().get("/api/users/" + bob + "/devices").get("devices").size() == 1);

            Sent sent = alice.sendPrivate(bob, "a traced hello");
            await().atMost(WAIT).until(() -> bobsEvents.stream()
                    .anyMatch(event -> event instanceof ChatEvent.MessageDecrypted message && message.seq() == sent.seq()
                            && message.chatId().equals(sent.chatId())));

            String traceparent = storedTraceparent("PrivateMessageSent", sent.messageId());
            String traceId = traceIdOf(traceparent);
            SpanData command = await().atMost(WAIT).until(() -> only(spans.ofTrace(traceId), "stomp.command"), span -> span != null);
            assertThat(command.getParentSpanContext().isValid()).as("the STOMP command starts the trace").isFalse();
            assertThat(command.getAttributes().asMap().toString()).contains("/app/private.send");
            assertThat(traceparent).as("the event's metadata names the command's trace")
                    .startsWith("00-" + command.getTraceId() + "-");

            String header = kafkaTraceparent(sent.messageId());
            assertThat(traceIdOf(header)).as("the Kafka record's traceparent header").isEqualTo(traceId);
            SpanData publish = await().atMost(WAIT).until(() -> spans.ofTrace(traceId).stream()
                    .filter(span -> span.getName().equals("kafka-publisher"))
                    .filter(span -> span.getAttributes().asMap().toString().contains("PrivateMessageSent")).findFirst().orElse(null),
                    span -> span != null);
            assertThat(header).as("the publish span is the record's parent").contains(publish.getSpanId());

            await().atMost(WAIT).untilAsserted(() -> {
                List<SpanData> trace = spans.ofTrace(traceId);
                assertThat(trace).as("the projection's span").anySatisfy(span -> {
                    assertThat(span.getName()).isEqualTo("projections");
                    assertThat(span.getAttributes().asMap().toString()).contains("PrivateMessageSent");
                    assertThat(span.getParentSpanId()).isEqualTo(publish.getSpanId());
                });
                assertThat(trace).as("live push's listener span").anySatisfy(span -> {
                    assertThat(span.getAttributes().asMap().toString()).contains("parley-live-push");
                    assertThat(span.getParentSpanId()).isEqualTo(publish.getSpanId());
                });
            });

            await().atMost(WAIT).until(() -> recorders.processorThreadTraceIds.containsKey(sent.messageId()));
            assertThat(recorders.processorThreadTraceIds.get(sent.messageId()))
                    .as("the trace id in the MDC of an Axon tracking processor's thread").isEqualTo(traceId);
            String listenerTraceId = await().atMost(WAIT).until(() -> recorders.listenerThreadTraceIds.entrySet().stream()
                    .filter(entry -> entry.getKey().contains(sent.messageId())).map(Map.Entry::getValue).findFirst().orElse(null),
                    found -> found != null);
            assertThat(listenerTraceId).as("the trace id in the MDC of a Kafka record listener's thread").isEqualTo(traceId);
        }
    }

    @Test
    void aTraceparentSentByAClientIsIgnored() throws Exception {
        String forgedTraceId = "0af7651916cd43dd8448eb211c80319c";
        TestUser mallory = http.registerAndLogin("mallory");
        TestUser victim = http.registerAndLogin("victim");
        try (StompTestClient client = StompTestClient.connect(wsUrl(), mallory.accessToken())) {
            client.sendRaw("/app/private.send", JSON.writeValueAsString(Map.of("peerId", victim.userId().toString(),
                    "clientMessageId", "forged-1", "envelope", Map.of("text", "whose trace?"))),
                    Map.of("traceparent", "00-" + forgedTraceId + "-b7ad6b7169203331-01"));
            JsonNode accepted = client.nextReply(WAIT);
            assertThat(accepted.path("type").asText()).isEqualTo("MessageAccepted");
            String messageId = accepted.get("messageId").asText();

            String traceId = traceIdOf(storedTraceparent("PrivateMessageSent", messageId));
            assertThat(traceId).isNotEqualTo(forgedTraceId);
            assertThat(traceIdOf(kafkaTraceparent(messageId))).isEqualTo(traceId);
            await().atMost(WAIT).until(() -> spans.ofTrace(traceId).stream().anyMatch(span -> span.getName().equals("projections")));
            assertThat(spans.all()).as("no span anywhere in the client's trace").noneMatch(span -> span.getTraceId().equals(forgedTraceId));
            assertThat(only(spans.ofTrace(traceId), "stomp.command").getParentSpanContext().isValid()).isFalse();
        }

        // Over HTTP too: Spring Boot's server observation would continue a traceparent header; the edge hides it.
        HttpHeaders forged = new HttpHeaders();
        forged.add("traceparent", "00-" + forgedTraceId + "-b7ad6b7169203331-01");
        ParleyHttp.Response registered = http.post("/api/auth/register",
                Map.of("username", "forger-tracing", "password", ParleyHttp.PASSWORD, "displayName", "Forger"), null, forged);
        assertThat(registered.status()).isEqualTo(201);
        String registration = storedTraceparent("UserRegistered", registered.body().get("userId").asText());
        assertThat(traceIdOf(registration)).as("the registration's own trace").isNotEqualTo(forgedTraceId);
        assertThat(spans.all()).noneMatch(span -> span.getTraceId().equals(forgedTraceId));
    }

    private String register(String name) {
        return ParleyClient.builder(baseUrl()).register(name + "-tracing", PASSWORD, name);
    }

    private ParleyClient connect(String name, java.util.function.Consumer<ChatEvent> listener) {
        return ParleyClient.builder(baseUrl()).keyDirectory(keys).deviceId("phone").listener(listener::accept)
                .connect(name + "-tracing", PASSWORD);
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named.size()).as(name + " spans in the trace").isLessThanOrEqualTo(1);
        return named.isEmpty() ? null : named.get(0);
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    /** The traceparent in the metadata of the stored event of {@code type} that names {@code id}, read from the event store's table. */
    private String storedTraceparent(String type, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
                PreparedStatement select = connection.prepareStatement("SELECT convert_from(metadata, 'UTF8') FROM domainevententry"
                        + " WHERE payloadtype LIKE ? AND convert_from(payload, 'UTF8') LIKE ?")) {
            select.setString(1, "%." + type);
            select.setString(2, "%" + id + "%");
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("the stored " + type + " of " + id).isTrue();
                JsonNode metadata = JSON.readTree(row.getString(1));
                return metadata.path("traceparent").asText(null);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** The traceparent header of the chat-events record carrying {@code messageId}, read with a plain consumer. */
    private String kafkaTraceparent(String messageId) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("spring.kafka.bootstrap-servers"));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(ChatEventTypes.TOPIC).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(messageId) && record.value().contains("PrivateMessageSent")) {
                        Header header = record.headers().lastHeader("traceparent");
                        assertThat(header).as("the record's traceparent header").isNotNull();
                        return new String(header.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            throw new AssertionError("no chat-events record for " + messageId);
        }
    }
}
