package parley.bench.bluegreen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import parley.bench.platform.HaproxyProcess;

/**
 * Debian's haproxy ({@code /usr/sbin/haproxy}) in the foreground as a child process, on loopback, with its runtime
 * API on a Unix socket in the run's directory. The traffic switch is two runtime commands, no reload: green gets its
 * address and leaves maintenance, and once haproxy's own health check sees it UP, blue goes into maintenance (no new
 * connection; the established WebSockets stay until blue's drain closes them).
 */
final class Haproxy implements AutoCloseable {

    static final Path BINARY = HaproxyProcess.BINARY;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final HaproxyProcess process;
    private final HaproxyConfig config;

    private Haproxy(HaproxyProcess process, HaproxyConfig config) {
        this.process = process;
        this.config = config;
    }

    /** Writes the configuration, checks it with {@code haproxy -c}, starts haproxy and waits until blue is UP in it. */
    static Haproxy start(HaproxyConfig config, Path workDir) throws IOException, InterruptedException {
        Haproxy haproxy = new Haproxy(HaproxyProcess.start("haproxy", config.render(), workDir), config);
        if (!haproxy.awaitStatus(HaproxyConfig.BLUE, "UP", START_TIMEOUT)) {
            haproxy.close();
            throw new IllegalStateException("haproxy did not see blue UP within " + START_TIMEOUT + "; see " + haproxy.log());
        }
        return haproxy;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + config.listenPort());
    }

    /** Green at its real address, out of maintenance: haproxy health-checks it and sends it traffic once UP. */
    void enableGreen(URI green) {
        String[] hostPort = HaproxyProcess.hostPort(green).split(":");
        command("set server %s/%s addr %s port %s".formatted(HaproxyConfig.BACKEND, HaproxyConfig.GREEN, hostPort[0], hostPort[1]));
        command("set server %s/%s state ready".formatted(HaproxyConfig.BACKEND, HaproxyConfig.GREEN));
    }

    /** Blue into maintenance: no new connection goes to it; established ones stay until the node closes them. */
    void retireBlue() {
        command("set server %s/%s state maint".formatted(HaproxyConfig.BACKEND, HaproxyConfig.BLUE));
    }

    /** Blue back in rotation and green out: the rollback, while blue still runs. */
    void rollBack() {
        command("set server %s/%s state ready".formatted(HaproxyConfig.BACKEND, HaproxyConfig.BLUE));
        command("set server %s/%s state maint".formatted(HaproxyConfig.BACKEND, HaproxyConfig.GREEN));
    }

    /** Waits until haproxy's view of {@code server} starts with {@code status} (UP, DOWN, MAINT...). */
    boolean awaitStatus(String server, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            if (Files.exists(config.adminSocket()) && status(server).startsWith(status)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The server's status column of {@code show stat} (e.g. {@code UP}, {@code DOWN}, {@code MAINT}). */
    String status(String server) {
        List<String> lines = command("show stat").lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            return "?";
        }
        List<String> header = List.of(lines.get(0).substring(2).split(","));
        int name = header.indexOf("svname");
        int proxy = header.indexOf("pxname");
        int state = header.indexOf("status");
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split(",", -1);
            if (columns.length > state && columns[proxy].equals(HaproxyConfig.BACKEND) && columns[name].equals(server)) {
                return columns[state];
            }
        }
        return "?";
    }

    /** One runtime API command; haproxy answers and closes the connection. */
    String command(String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(config.adminSocket()));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            String answer = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            // a set command answers nothing, or for an address what changed; anything else is a refusal
            if (!command.startsWith("show") && !answer.isBlank() && !answer.contains("changed from")) {
                throw new IllegalStateException("haproxy refused '" + command + "': " + answer.strip());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy's runtime API at " + config.adminSocket(), e);
        }
    }

    Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
