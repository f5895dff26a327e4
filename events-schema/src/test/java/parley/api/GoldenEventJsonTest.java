package parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
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

    static Stream<String> releasedTypes() {
        return ChatEventTypes.all().stream().sorted();
    }

    /** Every released type needs a golden sample: a new type without one fails here. */
    @ParameterizedTest
    @MethodSource("releasedTypes")
    void goldenSampleRoundTripsUnchanged(String cloudEventType) throws IOException {
        String golden = read("/golden/" + cloudEventType + ".json");
        Class<?> type = ChatEventTypes.payloadClass(cloudEventType).orElseThrow();

        Object parsed = mapper.readValue(golden, type);

        assertThat(mapper.readTree(mapper.writeValueAsString(parsed))).isEqualTo(mapper.readTree(golden));
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GoldenEventJsonTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden sample " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
