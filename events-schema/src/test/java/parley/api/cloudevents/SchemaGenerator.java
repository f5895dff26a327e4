package parley.api.cloudevents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.UUID;
import parley.api.Envelope;

/**
 * The JSON Schema of a CloudEvent on {@code parley.chat-events} in its type's current revision,
 * derived from the payload record's components. The published files are this output, checked by
 * {@link EventSchemasTest}; a file of an older revision is frozen when the revision changes.
 */
final class SchemaGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaGenerator() {
    }

    static ObjectNode schema(String type) {
        Class<?> payload = ChatEventTypes.payloadClass(type).orElseThrow();
        String revision = ChatEventTypes.revision(type);
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", ChatEventTypes.dataSchema(type));
        schema.put("title", type + " revision " + revision);
        schema.put("description", "A CloudEvent on " + ChatEventTypes.TOPIC + " carrying " + payload.getName()
                + " (Axon @Revision " + revision + ")");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("const", CloudEvent.SPEC_VERSION);
        properties.putObject("id").put("type", "string").put("minLength", 1);
        properties.putObject("source").put("type", "string").put("minLength", 1);
        properties.putObject("type").put("const", type);
        properties.putObject("time").put("type", "string").put("format", "date-time");
        properties.putObject("subject").put("type", "string").put("minLength", 1);
        properties.putObject("datacontenttype").put("const", CloudEvent.JSON);
        properties.putObject("dataschema").put("const", ChatEventTypes.dataSchema(type));
        properties.putObject("sequence").put("type", "integer").put("minimum", 0);
        properties.set("data", data(payload));
        ArrayNode required = schema.putArray("required");
        properties.fieldNames().forEachRemaining(required::add);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode data(Class<?> payload) {
        ObjectNode data = JSON.createObjectNode();
        data.put("type", "object");
        ObjectNode properties = data.putObject("properties");
        ArrayNode required = data.putArray("required");
        for (RecordComponent component : payload.getRecordComponents()) {
            properties.set(component.getName(), field(component.getType()));
            required.add(component.getName());
        }
        data.put("additionalProperties", false);
        return data;
    }

    private static ObjectNode field(Class<?> type) {
        ObjectNode field = JSON.createObjectNode();
        if (type == UUID.class) {
            field.put("type", "string").put("format", "uuid");
        } else if (type == Instant.class) {
            field.put("type", "string").put("format", "date-time");
        } else if (type == String.class) {
            field.put("type", "string");
        } else if (type == long.class || type == int.class) {
            field.put("type", "integer");
        } else if (type.isEnum()) {
            ArrayNode values = field.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (type == Envelope.class) {
            field.put("type", "object").put("description", "the client's envelope, opaque to the server");
        } else {
            throw new IllegalArgumentException("no JSON Schema for a field of " + type + ": extend the generator");
        }
        return field;
    }
}
