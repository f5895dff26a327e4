package parley.bench.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback between a service and what it connects to, that a fault can slow ({@link #latency}: every
 * chunk waits that long before it is passed on, so a round trip costs twice that) and cut ({@link #cutAll}: every
 * connection reset at once, as a dying network path or a firewall does). Nothing leaves 127.0.0.1.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long delayNanos;

    private LoopbackProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** A proxy on a free loopback port to {@code 127.0.0.1:targetPort}. */
    public static LoopbackProxy to(int targetPort) {
        try {
            LoopbackProxy proxy = new LoopbackProxy(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), targetPort);
            proxy.threads.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on every chunk, either way, waits {@code delay} before it is passed on (zero: none). */
    public void latency(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** Resets every open connection (both sides); new ones are still accepted. Returns how many sockets it closed. */
    public int cutAll() {
        int cut = 0;
        for (Socket socket : open) {
            reset(socket);
            cut++;
        }
        return cut;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutAll();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException unreachable) {
                    reset(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // e.g. out of file descriptors: try again
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(chunk)) > 0) {
                long delay = delayNanos;
                if (delay > 0) {
                    LockSupport.parkNanos(delay);
                }
                out.write(chunk, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed or was cut: the other follows
        } finally {
            reset(from);
            reset(to);
        }
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0); // RST, not FIN: the peer sees a broken connection, not a polite end
        } catch (SocketException alreadyClosed) {
            // nothing to reset
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
