package parley.command.stomp;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static CommandRejectedException invalid(String detail) {
        return new CommandRejectedException(RejectionCode.INVALID_COMMAND, detail);
    }
}
