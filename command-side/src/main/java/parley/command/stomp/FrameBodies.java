package parley.command.stomp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** Reads a {@code SEND} frame's body as a JSON object: for binding it, and for the id a rejection echoes. */
@Component
class FrameBodies {

    /** Anything after the JSON value is an error, as in HTTP bodies: {@code {...}garbage} is no JSON object. */
    private final ObjectReader reader;

    FrameBodies(ObjectMapper objectMapper) {
        this.reader = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    JsonNode read(Message<?> message) {
        Object payload = message.getPayload();
        try {
            JsonNode body = payload instanceof byte[] bytes ? reader.readTree(bytes) : reader.readTree(payload.toString());
            if (body == null || !body.isObject()) {
                throw invalid("the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    /** The first of {@code fields} that is text in the frame's body, or null (none is, or the body is no JSON object). */
    String firstText(Message<?> message, String... fields) {
        JsonNode body;
        try {
            body = read(message);
        } catch (CommandRejectedException e) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    static CommandRejectedException invalid(String detail) {
        return new CommandRejectedException(RejectionCode.INVALID_COMMAND, detail);
    }
}
