package parley.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's haproxy ({@code /usr/sbin/haproxy}, or {@code PARLEY_HAPROXY}) in the foreground as a child process on a
 * configuration the caller renders: checked with {@code haproxy -c} first, so that a mistake fails with haproxy's own
 * words in the log, not as a refused connection later. Killed with the bench if the bench dies.
 */
public final class HaproxyProcess implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("PARLEY_HAPROXY", "/usr/sbin/haproxy"));

    /** The {@code defaults} lines every loopback haproxy here starts with (HTTP mode, WebSockets as tunnels). */
    public static final String HTTP_DEFAULTS = """
            defaults
                mode http
                log global
                option httplog
                timeout connect 2s
                timeout client 60s
                timeout server 60s
                # a STOMP session is a WebSocket tunnel; its heart-beats keep it well inside this
                timeout tunnel 1h
                timeout http-request 10s
            """;

    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "haproxy-kill"));
    }

    /** Writes {@code config} to {@code workDir/<name>.cfg}, checks it and starts haproxy on it (log in {@code logs/}). */
    public static HaproxyProcess start(String name, String config, Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install haproxy (or set PARLEY_HAPROXY)");
        }
        Path file = workDir.resolve(name + ".cfg");
        Path log = workDir.resolve("logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Files.writeString(file, config);
        Process check = new ProcessBuilder(BINARY.toString(), "-c", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("haproxy -c refused " + file + "; see " + log);
        }
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new HaproxyProcess(process, log);
    }

    /** A {@code server} line's address: {@code host:port} of a plain HTTP base URL. */
    public static String hostPort(URI service) {
        if (!"http".equals(service.getScheme()) || service.getPort() < 1) {
            throw new IllegalArgumentException("a server is http://host:port, not " + service);
        }
        return service.getHost() + ":" + service.getPort();
    }

    /** Fails with the log's location when haproxy has exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("haproxy exited with " + process.exitValue() + "; see " + log);
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
