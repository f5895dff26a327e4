package parley.command.stomp;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import parley.command.chat.CommandRejectedException;
import parley.command.chat.RejectionCode;

/**
 * Reads STOMP command bodies as JSON objects and their fields, turning every defect into a
 * {@link CommandRejectedException} so a bad frame gets a reply, never a broken session.
 */
@Component
class CommandPayloads {

    private final ObjectMapper objectMapper;

    CommandPayloads(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    JsonNode read(Message<?> message) {
        Object payload = message.getPayload();
        try {
            JsonNode body = payload instanceof byte[] bytes ? objectMapper.readTree(bytes) : objectMapper.readTree(payload.toString());
            if (body == null || !body.isObject()) {
                throw invalid("the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static String requiredText(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isBlank()) {
            throw invalid("'" + field + "' is required and must be a string");
        }
        return value;
    }

    static UUID requiredUuid(JsonNode body, String field) {
        String value = requiredText(body, field);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid("'" + field + "' must be a UUID");
        }
    }

    static JsonNode requiredObject(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isObject()) {
            throw invalid("'" + field + "' is required and must be a JSON object");
        }
        return value;
    }

    static List<UUID> uuidList(JsonNode body, String field, int maxSize) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxSize) {
            throw invalid("'" + field + "' must be an array of at most " + maxSize + " user ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode element : value) {
            try {
                ids.add(UUID.fromString(element.asText()));
            } catch (IllegalArgumentException e) {
                throw invalid("'" + field + "' must contain user ids (UUIDs)");
            }
        }
        return ids;
    }

    static long requiredPositiveLong(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw invalid("'" + field + "' is required and must be a whole number of at least 1");
        }
        return value.asLong();
    }

    static <E extends Enum<E>> E requiredEnum(JsonNode body, String field, Class<E> type) {
        String value = requiredText(body, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid("'" + field + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static CommandRejectedException invalid(String detail) {
        return new CommandRejectedException(RejectionCode.INVALID_COMMAND, detail);
    }
}
