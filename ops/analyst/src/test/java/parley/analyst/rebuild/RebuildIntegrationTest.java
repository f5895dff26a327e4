package parley.analyst.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import parley.analyst.EventPayloads;
import parley.analyst.ParleyAnalyst;
import parley.analyst.Progress;
import parley.local.TestDatabase;
import parley.projections.generation.ProjectionLogic;
import parley.projections.generation.ReadModel;
import parley.projections.generation.ReadModelMigrations;

/**
 * {@code rebuild} and {@code verify} on the real PostgreSQL: a database of the previous release
 * (read tables in {@code public} as V1 to V5 made them) moves to the split layout with the same
 * answers; rebuilds under a live writer and live readers switch without a failed read or a lost or
 * doubled message; verify reports a table that differs from the events.
 */
class RebuildIntegrationTest {

    private final TestDatabase database = TestDatabase.create("rebuild");
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
    }

    @Test
    void aDatabaseOfThePreviousReleaseIsMovedToSeparatePrivateAndGroupMessagesWithTheSameAnswers() throws Exception {
        Connection control = connect();
        ChatHistory history = new ChatHistory(connect(), 7, null).start(12, 10);
        history.talk(3_000);
        seedLegacyReadTables();
        assertThat(count(control, "SELECT count(*) FROM public.messages WHERE chat_type IS NULL"))
                .as("the previous release's rows, which never had a chat type").isEqualTo(history.messages());
        Map<String, String> before = views(control);

        Rebuild.Result result = rebuild().run(true);

        assertThat(result.previous().schema()).isEqualTo("public");
        assertThat(result.next().schema()).isEqualTo("read_g2");
        assertThat(views(control)).as("every answer the query side can get").isEqualTo(before);
        long privateMessages = count(control, "SELECT count(*) FROM read_g2.private_messages");
        long groupMessages = count(control, "SELECT count(*) FROM read_g2.group_messages");
        assertThat(privateMessages).isPositive();
        assertThat(groupMessages).isPositive();
        assertThat(privateMessages + groupMessages).isEqualTo(history.messages());
        assertThat(count(control, "SELECT count(*) FROM read_g2.private_messages m JOIN read_g2.private_chats c USING (chat_id)"))
                .as("private messages are private chats' only").isEqualTo(privateMessages);
        assertThat(exists(control, "public.messages")).as("the previous generation's tables are dropped").isFalse();
        assertThat(exists(control, "public.group_members")).isFalse();
        assertThat(exists(control, "public.domainevententry")).as("and nothing else in public").isTrue();
        assertThat(exists(control, "public." + ReadModelMigrations.HISTORY_TABLE)).isTrue();
        assertThat(verify().run(Duration.ZERO, 5)).isEmpty();
    }

    @Test
    void rebuildsUnderLiveTrafficSwitchWithoutAFailedReadOrALostOrDoubledMessage() throws Exception {
        Connection control = connect();
        ReadModelMigrations.flyway(dataSource()).migrate();
        assertThat(count(control, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.messages'::regclass"))
                .as("a fresh install starts on the split layout").isEqualTo(2);
        ChatHistory history = new ChatHistory(connect(), 11, liveProjections()).start(10, 8);
        history.talk(1_500);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicLong reads = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                while (running.get()) {
                    history.talk(1);
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "live-writer");
        Connection readerConnection = connect();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                try (Statement statement = readerConnection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT count(*), max(seq) FROM parley_read.messages m"
                                + " JOIN parley_read.group_chats g ON g.group_id = m.chat_id")) {
                    rows.next();
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        }, "live-reader");
        writer.start();
        reader.start();
        try {
            Rebuild.Result second = rebuild().run(false);
            Rebuild.Result third = rebuild().run(true);
            assertThat(second.next().schema()).isEqualTo("read_g2");
            assertThat(third.previous().schema()).isEqualTo("read_g2");
            assertThat(third.next().schema()).isEqualTo("read_g3");
        } finally {
            running.set(false);
            writer.join();
            reader.join();
        }

        assertThat(failures).as("no read and no live write failed").isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(ReadModel.active(control).orElseThrow().schema()).isEqualTo("read_g3");
        assertThat(count(control, "SELECT count(*) FROM parley_read.messages")).as("every message exactly once")
                .isEqualTo(history.messages());
        assertThat(count(control, "SELECT count(DISTINCT message_id) FROM parley_read.messages")).isEqualTo(history.messages());
        assertThat(count(control, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'read_g2'"))
                .as("dropped on request").isZero();
        assertThat(count(control, "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'read_scratch_%'"))
                .as("no scratch schema left").isZero();
        assertThat(verify().run(Duration.ZERO, 5)).as("the new tables equal a from-scratch replay").isEmpty();

        assertThat(exists(control, "public.messages")).as("kept: it was not dropped on request").isTrue();
        rebuild().drop("public");
        assertThat(exists(control, "public.messages")).isFalse();
    }

    @Test
    void verifyPrintsWhereTheLiveTablesDifferFromTheEvents() throws Exception {
        Connection control = connect();
        ReadModelMigrations.flyway(dataSource()).migrate();
        ChatHistory history = new ChatHistory(connect(), 3, liveProjections()).start(4, 3);
        history.talk(200);
        assertThat(run("verify", "--settle", "PT0S")).isZero();

        try (Statement statement = control.createStatement()) {
            statement.execute("UPDATE public.group_chats SET name = 'tampered'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = run("verify", "--settle", "PT0S");
        } finally {
            System.setOut(previous);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("group_chats: public has 1 rows")
                .contains("only in public: (").contains("tampered").doesNotContain("users:");
    }

    private int run(String command, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--db-url", database.jdbcUrl(), "--db-user",
                database.username()));
        args.addAll(List.of(options));
        return ParleyAnalyst.run(args.toArray(String[]::new));
    }

    /** The read tables as the previous release left them: V1 to V5, filled by its projections, then this release's V6. */
    private void seedLegacyReadTables() throws Exception {
        Flyway.configure().dataSource(dataSource()).table(ReadModelMigrations.HISTORY_TABLE).locations("classpath:db/projections")
                .baselineOnMigrate(true).baselineVersion("0").target("5").load().migrate();
        // The previous release's projections wrote the same rows, into its layout: replay with this
        // release's into a scratch layout and copy the rows over.
        String scratch = "read_scratch_legacy";
        try (Connection control = connect(); Connection source = connect(); Connection target = connect()) {
            control.setAutoCommit(false);
            ReadModel.createLayout(control, scratch);
            control.commit();
            try (Replay replay = new Replay(source, target, scratch, EventPayloads.standard(), Replay.Writes.DIRECT)) {
                replay.catchUp(replay.head(), true, new Progress(new PrintStream(new ByteArrayOutputStream()), "seed", 0));
            }
            for (Map.Entry<String, List<String>> table : ReadModel.VIEW_COLUMNS.entrySet()) {
                String columns = String.join(", ", table.getValue());
                try (Statement statement = control.createStatement()) {
                    statement.execute("INSERT INTO public." + table.getKey() + " (" + columns + ") SELECT " + columns + " FROM "
                            + scratch + "." + table.getKey());
                }
            }
            control.commit();
            control.setAutoCommit(true);
            ReadModel.drop(control, scratch);
        }
        ReadModelMigrations.flyway(dataSource()).migrate();
    }

    /** What the live projections do per record: enter the live generation, apply, commit. */
    private java.util.function.BiConsumer<Object, Long> liveProjections() {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.jdbcUrl(), database.username(),
                database.password(), true);
        closing.add(dataSource::destroy);
        ProjectionLogic logic = ProjectionLogic.over(dataSource);
        closing.add(logic);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return (payload, sequence) -> transactions.executeWithoutResult(status -> {
            jdbc.sql(ReadModel.ENTER_ACTIVE).query(String.class).single();
            logic.dispatch().apply(payload, sequence);
        });
    }

    private Rebuild rebuild() {
        return new Rebuild(this::connect, EventPayloads.standard(), System.err);
    }

    private Verify verify() {
        return new Verify(this::connect, EventPayloads.standard(), System.err);
    }

    private DriverManagerDataSource dataSource() {
        return new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        closing.add(connection);
        return connection;
    }

    /** Every row of every view, sorted: all the query side can see. */
    private static Map<String, String> views(Connection connection) throws SQLException {
        Map<String, String> views = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> view : ReadModel.VIEW_COLUMNS.entrySet()) {
            String row = "ROW(" + String.join(", ", view.getValue()) + ")::text";
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT count(*) || E'\\n' || coalesce(string_agg(" + row + ", E'\\n' ORDER BY " + row + "), '') FROM "
                            + ReadModel.VIEWS + "." + view.getKey())) {
                rows.next();
                views.put(view.getKey(), rows.getString(1));
            }
        }
        return views;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
