package parley.ops.attack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A STOMP session written by hand over the JDK's WebSocket client, for frames no well-behaved STOMP
 * client sends (a {@code MESSAGE} from the client side, say). Returns the server's frames as text.
 */
final class RawStompSocket implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** Held for as long as the socket: once the JDK's client is garbage, its selector stops and frames stop arriving. */
    private HttpClient client;
    private WebSocket socket;

    static RawStompSocket connect(String wsUrl, String accessToken) throws Exception {
        RawStompSocket raw = new RawStompSocket();
        raw.client = HttpClient.newHttpClient();
        raw.socket = raw.client.newWebSocketBuilder().buildAsync(URI.create(wsUrl), raw).get(10, TimeUnit.SECONDS);
        raw.send("CONNECT", Map.of("accept-version", "1.2", "host", "parley", "Authorization", "Bearer " + accessToken), "");
        String connected = raw.nextFrame(Duration.ofSeconds(10));
        if (connected == null || !connected.startsWith("CONNECTED")) {
            throw new IllegalStateException("no CONNECTED frame: " + connected);
        }
        return raw;
    }

    void send(String command, Map<String, String> headers, String body) throws Exception {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame.append('\n').append(body).append('\0');
        socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code frame} as written (command, header lines, blank line, body), then the NUL that ends a frame. */
    void sendFrame(String frame) throws Exception {
        socket.sendText(frame + '\0', true).get(10, TimeUnit.SECONDS);
    }

    /** The next frame from the server (heart-beats skipped); null if none within {@code timeout}. */
    String nextFrame(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null || !frame.isBlank()) {
                return frame;
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** A close shows as a frame of its own, so a reader learns at once that nothing more will come. */
    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        frames.add("CLOSED " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
