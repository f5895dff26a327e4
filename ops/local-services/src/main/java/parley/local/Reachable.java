package parley.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something accepts TCP connections at an address: how tests tell a running service from none. */
public final class Reachable {

    private static final int TIMEOUT_MILLIS = 2_000;

    private Reachable() {
    }

    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            return true;
        } catch (IOException nothingListens) {
            return false;
        }
    }
}
