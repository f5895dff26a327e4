package parley.command.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A STOMP session over the JDK's WebSocket client, which reports the close code as sent. Tomcat's
 * client (under Spring's STOMP client) rewrites 1012 and 1013 to 1002: it only knows RFC 6455's
 * original codes. It sends nothing by itself, heart-beats included: a test sends those with {@link #sendText}.
 */
public final class JdkWebSocketProbe implements WebSocket.Listener {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    private WebSocket socket;

    public static JdkWebSocketProbe connect(String wsUrl, String accessToken) throws Exception {
        return connect(wsUrl, accessToken, "0,0");
    }

    /** @param heartBeat the CONNECT frame's {@code heart-beat} header: what this side promises, what it wants */
    public static JdkWebSocketProbe connect(String wsUrl, String accessToken, String heartBeat) throws Exception {
        JdkWebSocketProbe probe = open(wsUrl);
        String connected = probe.stompConnect(accessToken, heartBeat);
        if (connected == null || !connected.startsWith("CONNECTED")) {
            throw new IllegalStateException("no CONNECTED frame: " + connected);
        }
        return probe;
    }

    /** The WebSocket only: its STOMP {@link #stompConnect} comes later. */
    public static JdkWebSocketProbe open(String wsUrl) throws Exception {
        JdkWebSocketProbe probe = new JdkWebSocketProbe();
        probe.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl), probe).get(10, TimeUnit.SECONDS);
        return probe;
    }

    /** Sends CONNECT and returns the frame that answers it (null if none within 10 s). */
    public String stompConnect(String accessToken) throws Exception {
        return stompConnect(accessToken, "0,0");
    }

    private String stompConnect(String accessToken, String heartBeat) throws Exception {
        sendText("CONNECT\naccept-version:1.2\nhost:parley\nheart-beat:" + heartBeat + "\nAuthorization:Bearer " + accessToken
                + "\n\n\0");
        return frames.poll(10, TimeUnit.SECONDS);
    }

    /** A raw text message: a frame, or a heart-beat ({@code "\n"}). */
    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The next text message from the server (a frame or a heart-beat), null if none within {@code timeout}. */
    public String nextText(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent; null if the connection is still open after {@code timeout}. */
    public Integer closeCode(Duration timeout) throws Exception {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }
}
