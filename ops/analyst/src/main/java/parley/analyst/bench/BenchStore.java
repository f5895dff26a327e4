package parley.analyst.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import parley.projections.generation.ReadModelMigrations;

/**
 * Prepares an empty database as a release of the platform would leave it, for ops/bench's analyst
 * scenario (not a user command): the event store's tables by the command side's own Flyway
 * migrations (read from the repository, {@code command-side/src/main/resources/db/command}), the
 * read model's first generation by {@link ReadModelMigrations} (what {@code rebuild} starts from),
 * then {@code events - chatEvents} events of {@link SyntheticEventStore} and a {@link BusyGroupChat}
 * of {@code chatEvents} after them. Prints one line of {@code key=value} pairs for the bench.
 * <p>
 * Run: {@code java -cp parley-analyst-exec.jar -Dloader.main=parley.analyst.bench.BenchStore
 * org.springframework.boot.loader.launch.PropertiesLauncher JDBC_URL USER COMMAND_MIGRATIONS_DIR EVENTS CHAT_EVENTS}
 */
public final class BenchStore {

    private BenchStore() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BenchStore JDBC_URL USER COMMAND_MIGRATIONS_DIR EVENTS CHAT_EVENTS");
            System.exit(2);
        }
        String url = args[0];
        String user = args[1];
        Path migrations = Path.of(args[2]).toAbsolutePath();
        long events = Long.parseLong(args[3]);
        long chatEvents = Long.parseLong(args[4]);
        if (!Files.isDirectory(migrations) || chatEvents < 0 || chatEvents > events) {
            System.err.println("need the command side's migrations directory and 0 <= CHAT_EVENTS <= EVENTS");
            System.exit(2);
        }
        long started = System.nanoTime();
        Flyway.configure().dataSource(url, user, "").table("flyway_history_command")
                .locations("filesystem:" + migrations).load().migrate();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        ReadModelMigrations.flyway(dataSource).migrate();
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            SyntheticEventStore.Summary synthetic = SyntheticEventStore.generate(connection, events - chatEvents, 1,
                    Instant.parse("2026-01-01T00:00:00Z"));
            BusyGroupChat.Result chat = BusyGroupChat.append(connection, chatEvents, 0, 13, synthetic.last().plusSeconds(60));
            long total = synthetic.events() + chat.events();
            System.out.printf("events=%d chat=%s chatEvents=%d chatFirst=%s chatLast=%s seconds=%.1f%n", total, chat.chat(),
                    chat.chatEvents(), chat.first(), chat.last(), (System.nanoTime() - started) / 1e9);
        }
    }
}
