package parley.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real streaming physical replica of a running PostgreSQL cluster, made with
 * {@code pg_basebackup -R -X stream} into a temporary directory and run with {@code pg_ctl} on a
 * free port. It follows every database of the primary, including ones created after it started.
 * Tests stop and start it (an outage) and pause its replay (lag) to exercise the read routing.
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root the server commands run as the
 * {@code postgres} user. The binaries come from {@code PARLEY_PG_BIN} or the newest
 * {@code /usr/lib/postgresql/<version>/bin}; the primary must allow replication connections from
 * 127.0.0.1 ({@code .ci/run} adds that pg_hba.conf entry).
 */
public final class LocalReplica implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalReplica.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
    private static final String CURRENT_SETTING = "SELECT current_setting(?)";
    private static final String PAUSE_REPLAY = "SELECT pg_wal_replay_pause()";
    private static final String RESUME_REPLAY = "SELECT pg_wal_replay_resume()";

    private final Path bin;
    private final Path directory;
    private final int port;
    private final String user;
    private boolean running;

    private LocalReplica(Path bin, Path directory, int port, String user) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
        this.user = user;
    }

    /** Copies the primary at {@code host:port} and starts the copy as its streaming standby. */
    public static LocalReplica streamingFrom(String host, int primaryPort, String user) {
        Path bin = binaries();
        Path directory = serviceDirectory();
        LocalReplica replica = new LocalReplica(bin, directory, FreePort.find(), user);
        long started = System.nanoTime();
        replica.run(bin.resolve("pg_basebackup").toString(), "-h", host, "-p", Integer.toString(primaryPort), "-U", user,
                "-D", replica.dataDirectory().toString(), "-R", "-X", "stream", "-c", "fast");
        replica.writeConfiguration(host, primaryPort);
        log.info("base backup of {}:{} taken in {} ms", host, primaryPort, (System.nanoTime() - started) / 1_000_000);
        replica.start();
        return replica;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return user;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        run(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "600", "-D", dataDirectory().toString(),
                "-l", directory.resolve("replica.log").toString());
        running = true;
        // Replaying the WAL written during the backup can take a while on a busy shared cluster.
        log.info("replica listening on 127.0.0.1:{} with data in {}", port, dataDirectory());
    }

    /** A fast shutdown: open connections are cut, as in a real outage. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        run(bin.resolve("pg_ctl").toString(), "stop", "-w", "-m", "fast", "-D", dataDirectory().toString());
        running = false;
    }

    /** Keeps receiving WAL but stops applying it: the replica falls behind the primary. */
    public void pauseReplay() {
        replay(true);
    }

    public void resumeReplay() {
        replay(false);
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteDirectory();
        }
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    /**
     * A Debian cluster keeps its configuration outside the data directory, so the copy gets its own:
     * a port, a socket directory it may write, hot standby, and the settings a standby must not set
     * below the primary's.
     */
    private void writeConfiguration(String host, int primaryPort) {
        String primaryUrl = "jdbc:postgresql://" + host + ":" + primaryPort + "/postgres";
        StringBuilder conf = new StringBuilder()
                .append("port = ").append(port).append('\n')
                .append("listen_addresses = '127.0.0.1'\n")
                .append("unix_socket_directories = '").append(directory).append("'\n")
                .append("hot_standby = on\n")
                .append("hot_standby_feedback = on\n")
                .append("shared_buffers = '32MB'\n");
        for (String setting : List.of("max_connections", "max_worker_processes", "max_prepared_transactions",
                "max_locks_per_transaction", "max_wal_senders")) {
            conf.append(setting).append(" = ").append(setting(primaryUrl, setting)).append('\n');
        }
        writeAsService(dataDirectory().resolve("postgresql.conf"), conf.toString());
        writeAsService(dataDirectory().resolve("pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    }

    private void writeAsService(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            PostgresUser.own(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replay(boolean pause) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, "");
                PreparedStatement statement = connection.prepareStatement(pause ? PAUSE_REPLAY : RESUME_REPLAY)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("replica on port " + port + ": replay " + (pause ? "pause" : "resume"), e);
        }
    }

    private String setting(String url, String name) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                PreparedStatement statement = connection.prepareStatement(CURRENT_SETTING)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(url + ": setting " + name, e);
        }
    }

    /** Runs a server command, as the postgres user when this JVM is root; fails with its output. */
    static void run(String... command) {
        List<String> line = new ArrayList<>();
        if (PostgresUser.isNeeded()) {
            line.addAll(List.of("runuser", "-u", PostgresUser.NAME, "--"));
        }
        line.addAll(List.of(command));
        try {
            Path output = Files.createTempFile("parley-replica-command", ".log");
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String printed = Files.readString(output);
            Files.deleteIfExists(output);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", line) + "\n" + printed);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", line) + "\n" + printed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", line), e);
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", directory, e);
        }
    }

    private static Path serviceDirectory() {
        try {
            Path directory = Files.createTempDirectory("parley-replica");
            PostgresUser.own(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }



    /**
     * What this machine lacks to make a replica, if anything: the server binaries the embedded
     * PostgreSQL does not bundle ({@code pg_basebackup}, {@code pg_ctl}, {@code postgres}).
     */
    public static Optional<String> missingBinaries() {
        return findBinaries().isPresent() ? Optional.empty() : Optional.of(
                "PostgreSQL's pg_basebackup, pg_ctl and postgres (Debian: apt-get install postgresql; they are looked for in "
                        + "/usr/lib/postgresql/<version>/bin, or set PARLEY_PG_BIN)");
    }

    /** The server binaries' directory ({@code PARLEY_PG_BIN} or the newest Debian one); fails naming what is missing. */
    static Path binaries() {
        return findBinaries().orElseThrow(() -> new IllegalStateException("missing: " + missingBinaries().orElseThrow()));
    }

    private static Optional<Path> findBinaries() {
        String configured = System.getenv("PARLEY_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(LocalReplica::hasServerBinaries);
        }
        if (!Files.isDirectory(Path.of("/usr/lib/postgresql"))) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(LocalReplica::hasServerBinaries)
                    .max(Comparator.comparingInt(LocalReplica::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServerBinaries(Path bin) {
        return Stream.of("pg_basebackup", "pg_ctl", "postgres").allMatch(name -> Files.isExecutable(bin.resolve(name)));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
