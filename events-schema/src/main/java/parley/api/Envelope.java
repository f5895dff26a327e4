package parley.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The client's message envelope: an opaque JSON object the server stores and forwards without
 * reading it (it will carry ciphertext). It is kept as compact JSON text so that it travels through
 * the event store, Kafka and the read tables unchanged.
 */
public record Envelope(String json) {

    public Envelope {
        Objects.requireNonNull(json, "json");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Envelope of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("envelope must be a JSON object");
        }
        return new Envelope(node.toString());
    }

    @JsonValue
    @JsonRawValue
    public String json() {
        return json;
    }

    public int sizeInBytes() {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
