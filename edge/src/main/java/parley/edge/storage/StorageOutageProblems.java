package parley.edge.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A REST request that failed because PostgreSQL could not be reached answers 503 problem details with
 * {@code Retry-After}, which clients and proxies retry, instead of a 500 that says "a bug". Only Spring's exceptions
 * for that are handled here (matched on the exception and its causes); anything else is left to the other handlers.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StorageOutageProblems {

    private static final Logger log = LoggerFactory.getLogger(StorageOutageProblems.class);

    /** Spring's translation of a lost or refused connection, and a transaction that could not begin for want of one. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
        CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception failure) {
        log.warn("A request failed because the database is unreachable; answered 503: {}", failure.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the database is unreachable for a moment; try again after Retry-After seconds");
        problem.setTitle("Service Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, StorageOutage.RETRY_AFTER_MS / 1000)))
                .body(problem);
    }
}
