package parley.projections.generation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Introduces read-model generations ({@link ReadModel}): the pointer, registering the read tables in
 * {@code public} as generation 1, and the {@code parley_read} views over them.
 *
 * <p>A fresh install (read tables still empty) starts on the current layout at once: the tables V1 to
 * V5 made are replaced by {@code db/read-model/layout.sql}. An install with data keeps its tables as
 * they are until {@code ./parley analyst rebuild} moves it to the current layout under live traffic;
 * its {@code messages} only gains the nullable {@code chat_type} the current projections write (a
 * catalogue-only change), so they can go on writing it meanwhile.
 */
public class V6__read_model_generations extends BaseJavaMigration {

    private static final String[] LEGACY_TABLES = {"group_members", "group_chat_status", "private_chat_status", "group_chats",
            "private_chats", "messages", "users", "user_devices"};

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA parley_read_model");
            // One row: the schema of the generation the live projections write and the views show.
            statement.execute("""
                    CREATE TABLE parley_read_model.active (
                        one         BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (one),
                        schema_name TEXT        NOT NULL,
                        generation  INTEGER     NOT NULL,
                        switched_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )""");
            if (empty(statement)) {
                statement.execute("DROP TABLE " + String.join(", ", LEGACY_TABLES));
                ReadModel.createLayout(connection, ReadModel.FIRST_SCHEMA);
            } else {
                statement.execute("ALTER TABLE public.messages ADD COLUMN IF NOT EXISTS chat_type VARCHAR(8)");
            }
            statement.execute("INSERT INTO parley_read_model.active (schema_name, generation) VALUES ('public', 1)");
        }
        ReadModel.pointViewsAt(connection, ReadModel.FIRST_SCHEMA);
    }

    private static boolean empty(Statement statement) throws SQLException {
        for (String table : LEGACY_TABLES) {
            try (ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM public." + table + ")")) {
                row.next();
                if (row.getBoolean(1)) {
                    return false;
                }
            }
        }
        return true;
    }
}
