package parley.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * CREATE and DROP DATABASE for the harnesses. A database name is an identifier, which no statement
 * can bind, so it is written into the SQL only after it is checked to be a plain lower-case name.
 */
final class DatabaseNames {

    private static final Pattern PLAIN = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private DatabaseNames() {
    }

    static void create(Connection admin, String name) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + plain(name));
        }
    }

    /** Drops it even while sessions are connected to it. */
    static void dropIfExists(Connection admin, String name) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + plain(name) + " WITH (FORCE)");
        }
    }

    static String plain(String name) {
        if (!PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }
}
