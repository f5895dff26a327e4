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
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * Resolves a {@link StompMapping} handler's {@link StompRequest} from the frame: the body must be a
 * JSON object; then the command is admitted ({@link CommandAdmission}: rate limit, overload), so a
 * command over its limit is refused as such and does nothing; then the object is bound strictly to
 * the record and checked with Bean Validation, the same layer HTTP bodies use. Every defect is an
 * {@code INVALID_COMMAND} naming the field, so a bad frame gets a reply, never a broken session.
 * Spring asks custom resolvers before its own catch-all payload resolver.
 */
@Component
class StompRequestResolver implements HandlerMethodArgumentResolver {

    private final FrameBodies bodies;
    private final CommandAdmission admission;
    private final CommandOutcomes outcomes;
    private final Validator validator;
    private final ObjectMapper strict;

    StompRequestResolver(FrameBodies bodies, CommandAdmission admission, CommandOutcomes outcomes, Validator validator) {
        this.bodies = bodies;
        this.admission = admission;
        this.outcomes = outcomes;
        this.validator = validator;
        // A number where text is expected (or "5" for a seq) is a client bug worth reporting, not guessing around.
        this.strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return StompRequest.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        StompMapping mapping = parameter.getMethodAnnotation(StompMapping.class);
        if (mapping == null) {
            throw new IllegalStateException(parameter.getExecutable() + " takes a StompRequest but is not a @StompMapping");
        }
        outcomes.started(mapping.value());
        JsonNode body = bodies.read(message);
        admission.admit(mapping.limit(), SimpMessageHeaderAccessor.getUser(message.getHeaders()));
        return validated(bind(body, parameter.getParameterType()));
    }

    private <T> T bind(JsonNode body, Class<T> type) {
        try {
            return strict.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw FrameBodies.invalid("'" + e.getPropertyName() + "' is not a field of this command");
        } catch (JsonMappingException e) {
            throw FrameBodies.invalid("'" + fieldOf(e) + "' has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw FrameBodies.invalid("the body does not match the command");
        }
    }

    private <T> T validated(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw FrameBodies.invalid(violations.stream()
                    .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                    .map(violation -> "'" + violation.getPropertyPath() + "' " + violation.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
