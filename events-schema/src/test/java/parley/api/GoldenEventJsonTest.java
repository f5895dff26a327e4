package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.api.cloudevents.ChatEventTypes;

/**
 * Released events must read from, and write back to, their golden JSON exactly: the event store and
 * the Kafka topic hold this form for ever. A failure here means an incompatible change to a released
 * event; add a new revision with an upcaster instead.
 */
class GoldenEventJsonTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"UserRegistered", "PrivateChatStarted", "PrivateMessageSent"})
    void goldenSampleRoundTripsUnchanged(String event) throws IOException {
        String golden = read("/golden/" + event + ".v1.json");
        Class<?> type = ChatEventTypes.payloadClass("parley." + packageOf(event) + "." + event + ".v1").orElseThrow();

        Object parsed = mapper.readValue(golden, type);

        assertThat(mapper.readTree(mapper.writeValueAsString(parsed))).isEqualTo(mapper.readTree(golden));
    }

    private static String packageOf(String event) {
        return event.startsWith("User") ? "user" : "privatechat";
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GoldenEventJsonTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
