package parley.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh, empty database on the machine's real PostgreSQL (the one CI starts), so that every test
 * class runs against its own schema state. Point it elsewhere with {@code PARLEY_TEST_PG_URL}
 * (a JDBC URL of any database on the server), {@code PARLEY_TEST_PG_USER} and
 * {@code PARLEY_TEST_PG_PASSWORD}. When nothing answers at that server's address, the databases
 * live on an embedded PostgreSQL started once for the whole JVM (as {@code ./parley up} embeds
 * one), so a machine without PostgreSQL runs the tests too. With {@code PARLEY_TEST_PGBOUNCER=true} (or the system property
 * {@code parley.test.pgbouncer}) the services connect through a real PgBouncer in transaction pooling
 * mode, started once per JVM; databases are still created directly on the server.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/");
    private static final String CONFIGURED_URL = env("PARLEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

    /** Set when nothing answered at {@link #CONFIGURED_URL}. */
    private static final LocalPostgres EMBEDDED = Reachable.answers(host(CONFIGURED_URL), port(CONFIGURED_URL)) ? null : startEmbedded();
    private static final String ADMIN_URL = EMBEDDED == null ? CONFIGURED_URL : EMBEDDED.jdbcUrl();
    private static final String USER = EMBEDDED == null ? env("PARLEY_TEST_PG_USER", "postgres") : EMBEDDED.username();
    private static final String PASSWORD = EMBEDDED == null ? env("PARLEY_TEST_PG_PASSWORD", "") : "";

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
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
            DatabaseNames.create(connection, name);
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
        if (EMBEDDED != null) {
            return; // the embedded cluster is deleted as a whole
        }
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
            for (String name : CREATED) {
                DatabaseNames.dropIfExists(connection, name);
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

    /** The host of the PostgreSQL server the test databases live on. */
    public static String serverHost() {
        return host(ADMIN_URL);
    }

    public static int serverPort() {
        return port(ADMIN_URL);
    }

    /**
     * Whether the databases live on the embedded PostgreSQL because the machine's did not answer:
     * tests that need the machine's own server (a streaming replica made with its pg_basebackup)
     * cannot run then.
     */
    public static boolean onEmbeddedServer() {
        return EMBEDDED != null;
    }

    public static boolean throughPgBouncer() {
        return Boolean.getBoolean("parley.test.pgbouncer") || "true".equalsIgnoreCase(System.getenv("PARLEY_TEST_PGBOUNCER"));
    }

    /** One PgBouncer for the whole JVM, in front of the server {@code PARLEY_TEST_PG_URL} names. */
    private static final class SharedPgBouncer {

        static final LocalPgBouncer INSTANCE = start();

        private static LocalPgBouncer start() {
            LocalPgBouncer bouncer = LocalPgBouncer.start(serverHost(), serverPort());
            Runtime.getRuntime().addShutdownHook(new Thread(bouncer::close, "pgbouncer-stop"));
            return bouncer;
        }
    }

    private static LocalPostgres startEmbedded() {
        LocalPostgres postgres = LocalPostgres.temporary();
        // Registered before the hook that drops the test databases; hooks run in no set order, and a
        // stopped server simply has nothing left to drop.
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
        log.warn("No PostgreSQL answers at {}: the test databases live on an embedded PostgreSQL at {}", CONFIGURED_URL,
                postgres.jdbcUrl());
        return postgres;
    }

    private static Matcher server(String url) {
        Matcher server = SERVER.matcher(url);
        if (!server.lookingAt()) {
            throw new IllegalStateException("cannot tell host and port from " + url);
        }
        return server;
    }

    private static String host(String url) {
        return server(url).group(1);
    }

    private static int port(String url) {
        Matcher server = server(url);
        return server.group(2) == null ? 5432 : Integer.parseInt(server.group(2));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
