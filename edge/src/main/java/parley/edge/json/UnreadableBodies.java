package parley.edge.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A JSON body that cannot be read answers 400 problem details that say why: the unknown field by
 * name, or the field whose value has the wrong type, in the same {@code errors} list as an invalid
 * field. Nothing of the request has been acted on.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadableBodies {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException failure) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        if (failure.getCause() instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem.setTitle("Unknown field");
            problem.setDetail("the request body has a field this endpoint does not take: '" + field + "'");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "is not a field of this request")));
        } else if (failure.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            problem.setTitle("Bad Request");
            problem.setDetail("the request body has a field of the wrong type: '" + field + "'");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type")));
        } else {
            problem.setTitle("Bad Request");
            problem.setDetail("the request body is missing or is not valid JSON");
        }
        return problem;
    }

    private static String path(JsonMappingException failure) {
        return failure.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
