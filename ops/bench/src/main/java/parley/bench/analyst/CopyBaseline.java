package parley.bench.analyst;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The machine's raw read rate of the event store, the analyst tools' baseline: PostgreSQL's
 * {@code COPY (SELECT * FROM domainevententry) TO STDOUT} through the JDBC CopyManager into a
 * counter, so nothing but the server's read and the wire is measured.
 */
final class CopyBaseline {

    record Result(long rows, long bytes, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double mibPerSecond() {
            return bytes / seconds / (1024 * 1024);
        }
    }

    private CopyBaseline() {
    }

    static Result measure(String jdbcUrl, String user) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "")) {
            Counting counting = new Counting();
            long started = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT * FROM domainevententry) TO STDOUT", counting);
            return new Result(rows, counting.bytes, (System.nanoTime() - started) / 1e9);
        }
    }

    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
