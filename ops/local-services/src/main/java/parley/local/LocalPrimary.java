package parley.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL cluster of its own, made with {@code initdb} and run with {@code pg_ctl} on a free port, set up as a
 * replication primary ({@code wal_level = replica}, WAL senders, a {@code replication} entry in pg_hba.conf): what
 * {@link LocalReplica#streamingFrom} copies when a test or the failover harness needs a primary it may kill and
 * a standby it may promote, which the machine's shared server must never be. The same binaries as LocalReplica.
 */
public final class LocalPrimary implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPrimary.class);
    public static final String USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final int port;
    private boolean running;

    private LocalPrimary(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** A new cluster in a temporary directory, started; {@link #close()} stops it and removes the directory. */
    public static LocalPrimary start() {
        Path bin = LocalReplica.binaries();
        LocalPrimary primary = new LocalPrimary(bin, serviceDirectory(), FreePort.find());
        LocalReplica.run(bin.resolve("initdb").toString(), "-D", primary.dataDirectory().toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--no-instructions");
        primary.writeConfiguration();
        primary.startServer();
        return primary;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void createDatabase(String name) {
        try (Connection connection = connect()) {
            DatabaseNames.create(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("primary on port " + port + ": cannot create database " + name, e);
        }
    }

    /**
     * From now on a commit returns only once a standby has flushed it ({@code synchronous_standby_names = '*'},
     * {@code synchronous_commit = on}): set after the standby is streaming, or every commit would wait for it.
     */
    public void requireSynchronousStandby() {
        try (Connection connection = connect();
                PreparedStatement require = connection.prepareStatement("ALTER SYSTEM SET synchronous_standby_names = '*'");
                PreparedStatement reload = connection.prepareStatement("SELECT pg_reload_conf()")) {
            require.execute();
            reload.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("primary on port " + port + ": cannot require a synchronous standby", e);
        }
    }

    /** How {@code pg_ctl stop} ends the server. */
    public enum StopMode {
        /** Sessions are ended (their transactions roll back), a checkpoint is written: an operator's restart. */
        FAST("fast"),
        /** The postmaster and every backend quit at once, no checkpoint: a crash; the next start replays the WAL. */
        IMMEDIATE("immediate");

        private final String pgCtlMode;

        StopMode(String pgCtlMode) {
            this.pgCtlMode = pgCtlMode;
        }
    }

    /** {@code pg_ctl stop -m immediate}: the postmaster and every backend quit at once, no checkpoint, as in a crash. */
    public synchronized void stopImmediately() {
        stop(StopMode.IMMEDIATE);
    }

    /** {@code pg_ctl stop -w -m mode}; the data directory stays for {@link #startAgain()}. Nothing if already stopped. */
    public synchronized void stop(StopMode mode) {
        if (running) {
            LocalReplica.run(bin.resolve("pg_ctl").toString(), "stop", "-w", "-m", mode.pgCtlMode, "-D", dataDirectory().toString());
            running = false;
        }
    }

    /** Starts the stopped server again on its data directory and port, waiting until it accepts connections. */
    public synchronized void startAgain() {
        if (!running) {
            startServer();
        }
    }

    /** A restart of the primary: {@link #stop(StopMode)} then {@link #startAgain()}; clients' connections all break. */
    public synchronized void restart(StopMode mode) {
        stop(mode);
        startAgain();
    }

    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        try {
            stopImmediately();
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                log.warn("could not delete {}", directory, e);
            }
        }
    }

    private synchronized void startServer() {
        LocalReplica.run(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "120", "-D", dataDirectory().toString(),
                "-l", directory.resolve("primary.log").toString());
        running = true;
        log.info("primary listening on 127.0.0.1:{} with data in {}", port, dataDirectory());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Appended to initdb's file: the last setting of a name wins. WAL kept for a standby that falls behind a while. */
    private void writeConfiguration() {
        String conf = "\n# LocalPrimary\n"
                + "port = " + port + "\n"
                + "listen_addresses = '127.0.0.1'\n"
                + "unix_socket_directories = '" + directory + "'\n"
                + "wal_level = replica\n"
                + "max_wal_senders = 10\n"
                + "wal_keep_size = '512MB'\n"
                + "max_connections = 200\n"
                + "shared_buffers = '64MB'\n";
        try {
            Files.writeString(dataDirectory().resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            Path hba = dataDirectory().resolve("pg_hba.conf");
            Files.writeString(hba, "local all all trust\nhost all all 127.0.0.1/32 trust\n"
                    + "local replication all trust\nhost replication all 127.0.0.1/32 trust\n", StandardCharsets.UTF_8);
            PostgresUser.own(hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path serviceDirectory() {
        try {
            Path directory = Files.createTempDirectory("parley-primary");
            PostgresUser.own(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
