package parley.command.auth;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;

class UsernameTakenException extends ErrorResponseException {

    UsernameTakenException(String username) {
        super(HttpStatus.CONFLICT, problem(username), null);
    }

    private static ProblemDetail problem(String username) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the user name '" + username + "' is taken");
        problem.setTitle("User name taken");
        return problem;
    }
}
