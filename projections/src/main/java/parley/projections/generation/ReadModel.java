package parley.projections.generation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-model generations (docs/adr/0013-read-model-generations-and-rebuilds.md): each generation is
 * one schema holding every read table in the {@linkplain #layoutSql() current layout}; the pointer
 * {@code parley_read_model.active} names the one the live projections write; the schema
 * {@code parley_read} holds one view per table over it, which is all the query side reads. A rebuild
 * builds the next generation beside the live one and switches both in one transaction.
 *
 * <p>Every method runs on the caller's connection and inside the caller's transaction.
 */
public final class ReadModel {

    public static final String POINTER = "parley_read_model.active";
    public static final String VIEWS = "parley_read";
    /** The first generation of every install lives in {@code public}; later ones in {@code read_g<N>}. */
    public static final String FIRST_SCHEMA = "public";

    /**
     * The query side's contract: each read table and the columns its view shows, in this order. A
     * view only ever gains columns at its end ({@code CREATE OR REPLACE VIEW} refuses anything else,
     * and a prepared {@code SELECT *} would fail on a changed row type).
     */
    public static final Map<String, List<String>> VIEW_COLUMNS = views();

    /**
     * Sets the transaction's search_path to the live generation, holding a lock on the pointer until
     * commit so that a switch waits for this transaction and the next one sees the new generation.
     * {@code set_config(..., true)} is transaction-local: safe behind PgBouncer's transaction pooling.
     */
    public static final String ENTER_ACTIVE =
            "SELECT set_config('search_path', quote_ident(schema_name), true) FROM " + POINTER;

    /** Enters the live generation for the rest of the caller's transaction (see {@link #ENTER_ACTIVE}). */
    public static void enterActive(JdbcClient jdbc) {
        jdbc.sql(ENTER_ACTIVE).query(String.class).single();
    }

    private static final Pattern SCHEMA_NAME = Pattern.compile("public|read_g[0-9]+|read_scratch_[a-z0-9_]+");

    private ReadModel() {
    }

    /** A generation: its schema and its number. */
    public record Generation(String schema, int number) {

        /** The schema the rebuild after this generation builds. */
        public Generation next() {
            return new Generation("read_g" + (number + 1), number + 1);
        }
    }

    /** The DDL of the current layout, unqualified. */
    public static String layoutSql() {
        try (InputStream in = ReadModel.class.getResourceAsStream("/db/read-model/layout.sql")) {
            if (in == null) {
                throw new IllegalStateException("db/read-model/layout.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the read tables of the current layout in {@code schema} (created if absent). */
    public static void createLayout(Connection connection, String schema) throws SQLException {
        String previous = query(connection, "SELECT current_setting('search_path')");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + identifier(schema));
            statement.execute("SELECT set_config('search_path', " + literal(identifier(schema)) + ", true)");
            statement.execute(layoutSql());
            statement.execute("SELECT set_config('search_path', " + literal(previous) + ", true)");
        }
    }

    /** Points every view of {@link #VIEWS} at {@code schema}'s tables (creating the views the first time). */
    public static void pointViewsAt(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + VIEWS);
            for (Map.Entry<String, List<String>> view : VIEW_COLUMNS.entrySet()) {
                statement.execute("CREATE OR REPLACE VIEW " + VIEWS + "." + view.getKey() + " AS SELECT "
                        + String.join(", ", view.getValue()) + " FROM " + identifier(schema) + "." + view.getKey());
            }
        }
    }

    /** The live generation, if the pointer exists and is set. */
    public static Optional<Generation> active(Connection connection) throws SQLException {
        if (query(connection, "SELECT to_regclass('" + POINTER + "')::text") == null) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT schema_name, generation FROM " + POINTER);
                ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(new Generation(row.getString(1), row.getInt(2))) : Optional.empty();
        }
    }

    /**
     * The first statement of a switch's transaction: waits for every projection transaction in flight
     * and holds back new ones (they queue at {@link #ENTER_ACTIVE}) until the caller commits. The
     * caller applies its last events after it, then calls {@link #switchTo}.
     */
    public static void lockPointer(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + POINTER + " IN ACCESS EXCLUSIVE MODE");
        }
    }

    /** Repoints the views and the pointer at {@code next}, in the caller's transaction (which holds {@link #lockPointer}). */
    public static void switchTo(Connection connection, Generation next) throws SQLException {
        pointViewsAt(connection, next.schema());
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE " + POINTER + " SET schema_name = ?, generation = ?, switched_at = now()")) {
            statement.setString(1, next.schema());
            statement.setInt(2, next.number());
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException(POINTER + " has no row");
            }
        }
    }

    /**
     * Drops a generation that is not live: its schema, or, for the first generation in
     * {@code public}, only its read tables (public also holds the event store).
     */
    public static void drop(Connection connection, String schema) throws SQLException {
        Optional<Generation> live = active(connection);
        if (live.isPresent() && live.get().schema().equals(schema)) {
            throw new IllegalArgumentException("generation " + schema + " is live; it cannot be dropped");
        }
        try (Statement statement = connection.createStatement()) {
            if (FIRST_SCHEMA.equals(schema)) {
                statement.execute("DROP TABLE IF EXISTS " + String.join(", ",
                        VIEW_COLUMNS.keySet().stream().map(table -> "public." + table).toList()));
            } else {
                statement.execute("DROP SCHEMA IF EXISTS " + identifier(schema) + " CASCADE");
            }
        }
    }

    /** A schema name of a generation or a scratch replay, checked: it goes into DDL. */
    public static String identifier(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a read-model schema name: " + schema);
        }
        return schema;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Map<String, List<String>> views() {
        Map<String, List<String>> views = new LinkedHashMap<>();
        views.put("users", List.of("user_id", "username", "display_name", "registered_at"));
        views.put("private_chats", List.of("chat_id", "user_low", "user_high", "last_seq", "last_activity_at", "started_at"));
        views.put("messages", List.of("chat_id", "seq", "message_id", "sender_id", "envelope", "sent_at", "edited_at",
                "redacted_at", "client_message_id"));
        views.put("group_chats", List.of("group_id", "name", "members_count", "last_seq", "last_activity_at", "created_at",
                "version"));
        views.put("group_members", List.of("group_id", "user_id", "role", "joined_at", "joined_at_seq"));
        views.put("private_chat_status", List.of("chat_id", "user_id", "delivered_up_to", "read_up_to"));
        views.put("group_chat_status", List.of("group_id", "user_id", "delivered_up_to", "read_up_to"));
        views.put("user_devices", List.of("user_id", "device_id", "agreement_key", "signing_key", "created_at", "revoked_at",
                "seq"));
        return java.util.Collections.unmodifiableMap(views);
    }
}
