package parley.analyst.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.flywaydb.core.Flyway;

/**
 * For measuring by hand (not a test): {@code FillEventStore JDBC_URL N} creates the event store's
 * tables with the command side's migrations and appends {@code N} synthetic events.
 */
public final class FillEventStore {

    private FillEventStore() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long events = Long.parseLong(args[1]);
        Flyway.configure().dataSource(url, "postgres", "").table("flyway_history_command").locations("classpath:db/command")
                .load().migrate();
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            SyntheticEventStore.Summary summary = SyntheticEventStore.generate(connection, events, 1, Instant.parse("2026-01-01T00:00:00Z"));
            System.out.printf("%s in %.1f s%n", summary, (System.nanoTime() - started) / 1e9);
        }
    }
}
