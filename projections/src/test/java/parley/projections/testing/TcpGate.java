package parley.projections.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.local.FreePort;

/**
 * A TCP forwarder a test can shut: while shut, the connections through it are cut and new ones are
 * refused, as when the network to a server fails. Used to take the database away from one service
 * without stopping the PostgreSQL other tests share.
 */
public final class TcpGate implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port = FreePort.find();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    public TcpGate(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        open();
    }

    public int port() {
        return port;
    }

    /** Accepts connections again. */
    public synchronized void open() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress("127.0.0.1", port));
            server = listening;
            Thread acceptor = new Thread(() -> accept(listening), "tcp-gate-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    /** Cuts every connection through the gate and refuses new ones until {@link #open()}. */
    public synchronized void shut() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        sockets.forEach(TcpGate::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        shut();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream;
                try {
                    upstream = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                return; // shut
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // cut by shut() or closed by either side
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-gate-pipe-" + port);
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
