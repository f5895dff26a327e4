package parley.analyst;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import parley.local.FreePort;
import parley.local.LocalPostgres;
import parley.local.Reachable;
import picocli.CommandLine.Option;

/**
 * Where the event store is: {@code SPRING_DATASOURCE_URL} (with {@code _USERNAME}/{@code _PASSWORD})
 * when set, else the embedded platform's database in {@code ./data} ({@code PARLEY_DATA_DIR}): the
 * running {@code ./parley up} on {@code PARLEY_POSTGRES_PORT} (54329) if it answers, otherwise the
 * same cluster started here for the length of the command. A picocli mixin, so every subcommand
 * takes the same {@code --db-url}, {@code --data} options.
 */
public final class EventStoreConnection implements AutoCloseable {

    private static final int DEFAULT_EMBEDDED_PORT = 54329;

    @Option(names = "--db-url", description = "JDBC URL of the event store (default: SPRING_DATASOURCE_URL, else the embedded platform's ./data)")
    private String url;

    @Option(names = "--db-user", description = "database user (default: SPRING_DATASOURCE_USERNAME, else postgres)")
    private String user;

    @Option(names = "--data", description = "the embedded platform's data directory (default: PARLEY_DATA_DIR, else ./data)")
    private Path dataDir;

    private LocalPostgres startedHere;
    private String resolvedUrl;

    /** A new connection to the event store's database; the caller closes it. */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        String password = env().get("SPRING_DATASOURCE_PASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "parley-analyst");
        return DriverManager.getConnection(url(), properties);
    }

    public synchronized String url() {
        if (resolvedUrl == null) {
            resolvedUrl = resolveUrl();
        }
        return resolvedUrl;
    }

    public String user() {
        if (user != null) {
            return user;
        }
        return env().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
    }

    private String resolveUrl() {
        if (url != null) {
            return url;
        }
        String fromEnvironment = env().get("SPRING_DATASOURCE_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        int port = Integer.parseInt(env().getOrDefault("PARLEY_POSTGRES_PORT", String.valueOf(DEFAULT_EMBEDDED_PORT)));
        if (Reachable.answers("127.0.0.1", port)) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        }
        Path cluster = dataDirectory().resolve("postgres");
        if (!Files.isDirectory(cluster)) {
            throw new IllegalStateException("No event store found: nothing answers on 127.0.0.1:" + port + " and there is no "
                    + cluster + ". Start the platform with ./parley up, or set SPRING_DATASOURCE_URL.");
        }
        startedHere = LocalPostgres.start(cluster, FreePort.find());
        return startedHere.jdbcUrl();
    }

    private Path dataDirectory() {
        if (dataDir != null) {
            return dataDir;
        }
        return Path.of(env().getOrDefault("PARLEY_DATA_DIR", "data"));
    }

    private static Map<String, String> env() {
        return System.getenv();
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.close();
            startedHere = null;
        }
    }
}
