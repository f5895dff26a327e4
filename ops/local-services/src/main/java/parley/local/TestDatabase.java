package parley.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the machine's real PostgreSQL (the one CI starts), so that every test
 * class runs against its own schema state. Point it elsewhere with {@code PARLEY_TEST_PG_URL}
 * (a JDBC URL of any database on the server), {@code PARLEY_TEST_PG_USER} and
 * {@code PARLEY_TEST_PG_PASSWORD}.
 */
public final class TestDatabase {

    private static final String ADMIN_URL = env("PARLEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("PARLEY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("PARLEY_TEST_PG_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String purpose) {
        String name = ("parley_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + ADMIN_URL, e);
        }
        return new TestDatabase(name);
    }

    public String jdbcUrl() {
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        return ADMIN_URL.substring(0, slash + 1) + name + (query < 0 ? "" : ADMIN_URL.substring(query));
    }

    /** The Spring Boot properties that point the primary DataSource at this database. */
    public java.util.Map<String, String> springProperties() {
        return java.util.Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username", username(),
                "spring.datasource.password", password());
    }

    public String name() {
        return name;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
