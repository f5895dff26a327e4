package parley.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bytes pass both ways, slowed or not; a cut resets the connections and new ones still pass. */
class LoopbackProxyTest {

    @Test
    void passesBytesBothWaysAndACutResetsTheOpenConnections() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                LoopbackProxy proxy = LoopbackProxy.to(echo.getLocalPort())) {
            Thread server = echoing(echo);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(roundTrip(client, "hello")).isEqualTo("hello");
                proxy.latency(Duration.ofMillis(20));
                assertThat(roundTrip(client, "slowly")).isEqualTo("slowly");
                proxy.latency(Duration.ZERO);

                assertThat(proxy.cutAll()).isEqualTo(2);
                assertThatThrownBy(() -> {
                    client.getOutputStream().write('x');
                    if (client.getInputStream().read() < 0) {
                        throw new IOException("closed");
                    }
                }).isInstanceOf(IOException.class);
            }
            try (Socket again = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(roundTrip(again, "again")).isEqualTo("again");
            }
            server.interrupt();
        }
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] answer = in.readNBytes(text.length());
        return new String(answer, StandardCharsets.UTF_8);
    }

    private static Thread echoing(ServerSocket echo) {
        Thread thread = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket connection = echo.accept();
                    Thread copy = new Thread(() -> {
                        try (connection) {
                            connection.getInputStream().transferTo(connection.getOutputStream());
                        } catch (IOException ended) {
                            // the proxy cut it
                        }
                    });
                    copy.setDaemon(true);
                    copy.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
