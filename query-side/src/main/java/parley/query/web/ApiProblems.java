package parley.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details the read API answers with. */
public final class ApiProblems {

    private ApiProblems() {
    }

    /** The same answer for a chat that does not exist and one the caller is not in, so ids cannot be probed. */
    public static ErrorResponseException noSuchChat() {
        return problem(HttpStatus.NOT_FOUND, "no such chat");
    }

    public static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail);
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
