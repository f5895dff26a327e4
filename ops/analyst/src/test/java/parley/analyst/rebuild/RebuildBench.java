package parley.analyst.rebuild;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import parley.analyst.EventPayloads;
import parley.analyst.Progress;
import parley.analyst.bench.SyntheticEventStore;
import parley.projections.generation.ReadModel;
import parley.projections.generation.ReadModelMigrations;

/**
 * For measuring by hand (not a test): {@code RebuildBench JDBC_URL N MODE} makes the event store's
 * and the read model's tables, appends {@code N} synthetic events if the store is empty, then
 * measures one of: {@code replay} (the rebuild's batched replay alone, into a scratch schema it
 * drops), {@code unbatched} (the replay verify uses, likewise), {@code rebuild} (the whole command:
 * replay, verify, switch, dropping the previous generation).
 */
public final class RebuildBench {

    private RebuildBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long events = Long.parseLong(args[1]);
        String mode = args.length > 2 ? args[2] : "replay";
        Flyway.configure().dataSource(url, "postgres", "").table("flyway_history_command").locations("classpath:db/command")
                .load().migrate();
        ReadModelMigrations.flyway(new DriverManagerDataSource(url, "postgres", "")).migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            rows.next();
            if (rows.getLong(1) == 0) {
                System.out.println(SyntheticEventStore.generate(connection, events, 1, Instant.parse("2026-01-01T00:00:00Z")));
            }
        }
        long started = System.nanoTime();
        if (mode.equals("rebuild")) {
            Rebuild.Result result = new Rebuild(() -> DriverManager.getConnection(url, "postgres", ""), EventPayloads.standard(),
                    System.err).run(true);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("main replay: %s%nwhole rebuild (replay, verify, switch): %,d events in %.1f s = %,.0f events/s%n",
                    result.replaySummary(), result.events(), seconds, result.events() / seconds);
            return;
        }
        String scratch = Rebuild.scratchSchema();
        try (Connection control = DriverManager.getConnection(url, "postgres", "");
                Connection source = DriverManager.getConnection(url, "postgres", "");
                Connection target = DriverManager.getConnection(url, "postgres", "")) {
            control.setAutoCommit(false);
            ReadModel.createLayout(control, scratch);
            if (mode.equals("replay-unlogged")) {
                try (Statement statement = control.createStatement()) {
                    for (String table : new String[] {"group_members", "group_chats", "users", "private_chats", "private_messages",
                            "group_messages", "private_chat_status", "group_chat_status", "user_devices"}) {
                        statement.execute("ALTER TABLE " + scratch + "." + table + " SET UNLOGGED");
                    }
                }
            }
            control.commit();
            control.setAutoCommit(true);
            try (Replay replay = new Replay(source, target, scratch, EventPayloads.standard(),
                    mode.startsWith("replay") ? Replay.Writes.COALESCED : mode.equals("pipelined") ? Replay.Writes.PIPELINED : Replay.Writes.DIRECT)) {
                long head = replay.head();
                Progress progress = Progress.onStandardError(mode, head);
                replay.catchUp(head, true, progress);
                System.out.println(progress.finish());
                System.out.printf("replaying thread on CPU %.1f s of %.1f s%n",
                        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9,
                        (System.nanoTime() - started) / 1e9);
            } finally {
                ReadModel.drop(control, scratch);
            }
        }
    }
}
