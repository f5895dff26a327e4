package parley.edge.storage;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A request that failed for want of the database is a 503 to retry; other failures keep their own answers. */
class StorageOutageProblemsTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new StorageOutageProblems()).build();

    @Test
    void aLostConnectionIsA503ProblemWithRetryAfter() throws Exception {
        for (String path : new String[] {"/no-connection", "/no-transaction"}) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.title").value("Service Unavailable"));
        }
    }

    @Test
    void otherFailuresAreNotTurnedInto503() throws Exception {
        mvc.perform(get("/not-found")).andExpect(status().isNotFound());
    }

    @RestController
    static class Failing {

        @GetMapping("/no-connection")
        String noConnection() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
        }

        @GetMapping("/no-transaction")
        String noTransaction() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                    new CannotGetJdbcConnectionException("pool", new SQLException("timeout", "08001")));
        }

        @GetMapping("/not-found")
        String notFound() {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
