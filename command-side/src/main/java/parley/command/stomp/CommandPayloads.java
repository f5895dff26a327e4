package parley.command.stomp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import parley.api.Envelope;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * Reads STOMP command bodies: a JSON object, bound strictly to one of {@link StompRequests} and
 * checked with Bean Validation. Every defect becomes a {@link CommandRejectedException} naming the
 * field, so a bad frame gets a reply, never a broken session, and changes nothing.
 */
@Component
class CommandPayloads {

    private final ObjectMapper objectMapper;
    private final ObjectMapper strict;
    private final Validator validator;

    CommandPayloads(ObjectMapper objectMapper, Validator validator) {
        this.objectMapper = objectMapper;
        this.validator = validator;
        // A number where text is expected (or "5" for a seq) is a client bug worth reporting, not guessing around.
        this.strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
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

    <T> T as(JsonNode body, Class<T> type) {
        T request = bind(body, type);
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw invalid(violations.stream()
                    .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                    .map(violation -> "'" + violation.getPropertyPath() + "' " + violation.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static Envelope envelope(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("'envelope' must be a JSON object");
        }
        return Envelope.of(node);
    }

    private <T> T bind(JsonNode body, Class<T> type) {
        try {
            return strict.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw invalid("'" + e.getPropertyName() + "' is not a field of this command");
        } catch (JsonMappingException e) {
            throw invalid("'" + fieldOf(e) + "' has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw invalid("the body does not match the command");
        }
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static CommandRejectedException invalid(String detail) {
        return new CommandRejectedException(RejectionCode.INVALID_COMMAND, detail);
    }
}
