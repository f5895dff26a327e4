package parley.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PgBouncer (the machine's {@code pgbouncer} binary, Debian's 1.18) in transaction pooling
 * mode in front of a PostgreSQL server, on a free local port. Started as root it drops to the
 * {@code postgres} user, as PgBouncer refuses to run as root. It may be {@link #stop() stopped} and
 * {@link #startAgain() started again} on the same port and configuration (the fault suite's restart).
 */
public final class LocalPgBouncer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPgBouncer.class);
    private static final Path BINARY = Path.of(System.getenv().getOrDefault("PARLEY_PGBOUNCER_BIN", "/usr/sbin/pgbouncer"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final List<String> command;
    private final int port;
    private final Path directory;
    private Process process;

    private LocalPgBouncer(List<String> command, int port, Path directory) {
        this.command = List.copyOf(command);
        this.port = port;
        this.directory = directory;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public static LocalPgBouncer start(String postgresHost, int postgresPort) {
        if (!installed()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install pgbouncer (or set PARLEY_PGBOUNCER_BIN)");
        }
        try {
            Path directory = Files.createTempDirectory("parley-pgbouncer");
            int port = FreePort.find();
            Path config = writeConfiguration(directory, postgresHost, postgresPort, port);
            List<String> command = new ArrayList<>(List.of(BINARY.toString()));
            if (PostgresUser.isNeeded()) {
                handToPostgresUser(directory);
                command.addAll(List.of("-u", PostgresUser.NAME));
            }
            command.add(config.toString());
            LocalPgBouncer bouncer = new LocalPgBouncer(command, port, directory);
            bouncer.launch();
            log.info("PgBouncer (transaction pooling) listening on 127.0.0.1:{} for {}:{}", port, postgresHost, postgresPort);
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer", e);
        }
    }

    /**
     * SIGTERM: PgBouncer 1.18 shuts down at once, closing every client and server connection (its "immediate
     * shutdown"), as a restarted pod does. Nothing if already stopped.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts the stopped PgBouncer again on its port and configuration, waiting until it listens. */
    public synchronized void startAgain() {
        if (process == null) {
            launch();
            log.info("PgBouncer started again on 127.0.0.1:{}", port);
        }
    }

    private void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer", e);
        }
        awaitListening();
    }

    public int port() {
        return port;
    }

    /** A JDBC URL of {@code database} through this PgBouncer, with the driver settings transaction pooling needs. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?prepareThreshold=0";
    }

    @Override
    public void close() {
        stop();
    }

    private static Path writeConfiguration(Path directory, String host, int postgresPort, int port) throws IOException {
        Path users = directory.resolve("userlist.txt");
        Files.writeString(users, "\"postgres\" \"\"\n");
        String template;
        try (InputStream in = LocalPgBouncer.class.getResourceAsStream("pgbouncer.ini")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path config = directory.resolve("pgbouncer.ini");
        Files.writeString(config, template.formatted(host, postgresPort, port, users, directory.resolve("pgbouncer.log"),
                directory.resolve("pgbouncer.pid")));
        return config;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + "; see " + directory);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("PgBouncer did not listen within " + START_TIMEOUT + "; see " + directory);
    }

    private static void handToPostgresUser(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path path : files.toList()) {
                PostgresUser.own(path);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
