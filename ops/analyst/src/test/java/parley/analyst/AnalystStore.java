package parley.analyst;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import parley.analyst.bench.SyntheticEventStore;
import parley.local.TestDatabase;

/**
 * A fresh database on the real PostgreSQL with the event store's tables made by the command side's
 * own Flyway migrations, filled by {@link SyntheticEventStore}; and a way to run an analyst command
 * in-process against it, capturing what it prints.
 */
public final class AnalystStore {

    public static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private final TestDatabase database;
    private final SyntheticEventStore.Summary summary;

    private AnalystStore(TestDatabase database, SyntheticEventStore.Summary summary) {
        this.database = database;
        this.summary = summary;
    }

    public static AnalystStore withEvents(String purpose, long events) throws SQLException {
        TestDatabase database = TestDatabase.create(purpose);
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .table("flyway_history_command").locations("classpath:db/command").load().migrate();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            return new AnalystStore(database, SyntheticEventStore.generate(connection, events, 42, START));
        }
    }

    public SyntheticEventStore.Summary summary() {
        return summary;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /** What one command printed and returned. */
    public record Run(int exitCode, String out, String err) {
    }

    /** {@code ./parley analyst <command> args...} against this store, in-process. */
    public Run run(String command, String... args) {
        List<String> arguments = new ArrayList<>(List.of(command, "--db-url", database.jdbcUrl(), "--db-user", database.username()));
        arguments.addAll(List.of(args));
        return runAnalyst(arguments.toArray(String[]::new));
    }

    /** The analyst's main entry with standard output and error captured (tests run one at a time in this module). */
    public static synchronized Run runAnalyst(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int exit = ParleyAnalyst.run(args);
            return new Run(exit, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
