package parley.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh, empty database on the machine's real PostgreSQL (the one CI starts), so that every test
 * class runs against its own schema state. Point it elsewhere with {@code PARLEY_TEST_PG_URL}
 * (a JDBC URL of any database on the server), {@code PARLEY_TEST_PG_USER} and
 * {@code PARLEY_TEST_PG_PASSWORD}. With {@code PARLEY_TEST_PGBOUNCER=true} (or the system property
 * {@code parley.test.pgbouncer}) the services connect through a real PgBouncer in transaction pooling
 * mode, started once per JVM; databases are still created directly on the server.
 */
public final class TestDatabase {

    private static final String ADMIN_URL = env("PARLEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("PARLEY_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("PARLEY_TEST_PG_PASSWORD", "");

    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "test-databases-drop"));
    }

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
        CREATED.add(name);
        return new TestDatabase(name);
    }

    /**
     * Dropped when the JVM exits, so the server does not pile up databases run after run (a replica
     * test copies the whole cluster with pg_basebackup, and would copy them all).
     */
    private static void dropCreated() {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + CREATED + ": " + e);
        }
    }

    public String jdbcUrl() {
        if (throughPgBouncer()) {
            return SharedPgBouncer.INSTANCE.jdbcUrl(name);
        }
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

    public static boolean throughPgBouncer() {
        return Boolean.getBoolean("parley.test.pgbouncer") || "true".equalsIgnoreCase(System.getenv("PARLEY_TEST_PGBOUNCER"));
    }

    /** One PgBouncer for the whole JVM, in front of the server {@code PARLEY_TEST_PG_URL} names. */
    private static final class SharedPgBouncer {

        static final LocalPgBouncer INSTANCE = start();

        private static LocalPgBouncer start() {
            Matcher server = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(ADMIN_URL);
            if (!server.lookingAt()) {
                throw new IllegalStateException("cannot tell host and port from " + ADMIN_URL);
            }
            int port = server.group(2) == null ? 5432 : Integer.parseInt(server.group(2));
            LocalPgBouncer bouncer = LocalPgBouncer.start(server.group(1), port);
            Runtime.getRuntime().addShutdownHook(new Thread(bouncer::close, "pgbouncer-stop"));
            return bouncer;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
