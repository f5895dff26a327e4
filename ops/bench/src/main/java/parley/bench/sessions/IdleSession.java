package parley.bench.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import parley.client.http.JsonHttp;
import parley.client.stomp.StompConnection;
import parley.client.stomp.StompFrame;
import parley.client.stomp.StompListener;

/**
 * One STOMP session as a real client holds it: CONNECT with the user's token, subscribed to
 * {@code /user/queue/events} and {@code /user/queue/replies}, then quiet. Opening it ends with a
 * {@code session.ping}: the server handles a session's frames in order, so the pong proves both
 * subscriptions are active before any load starts.
 */
final class IdleSession implements StompListener {

    /** What the scenario does with the frames that do arrive (replies and events, as parsed JSON). */
    interface Frames {
        void received(IdleSession session, JsonNode body, long nanos);

        void closedUnexpectedly(IdleSession session, String reason);
    }

    private final int index;
    private final int userIndex;
    private final Frames frames;
    private final CompletableFuture<Void> pong = new CompletableFuture<>();
    private volatile StompConnection connection;
    private volatile boolean closing;

    private IdleSession(int index, int userIndex, Frames frames) {
        this.index = index;
        this.userIndex = userIndex;
        this.frames = frames;
    }

    static IdleSession open(int index, int userIndex, String accessToken, HttpClient http, URI webSocket,
            ScheduledExecutorService scheduler, Duration timeout, Frames frames) throws Exception {
        IdleSession session = new IdleSession(index, userIndex, frames);
        session.connection = StompConnection.open(http, webSocket, Map.of("Authorization", "Bearer " + accessToken),
                session, scheduler, timeout);
        session.connection.subscribe("/user/queue/events");
        session.connection.subscribe("/user/queue/replies");
        session.connection.send("/app/session.ping", JsonHttp.write(Map.of("clientCommandId", "ping-" + index)));
        try {
            session.pong.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            session.connection.abort();
            throw e;
        }
        return session;
    }

    int index() {
        return index;
    }

    int userIndex() {
        return userIndex;
    }

    CompletableFuture<Void> send(String destination, String json) {
        return connection.send(destination, json);
    }

    /** What CONNECT negotiated; the server's simple broker has no heart-beat scheduler, so expect none. */
    parley.client.stomp.HeartBeat heartBeat() {
        return connection.heartBeat();
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /** DISCONNECT and the WebSocket close handshake, asynchronously; {@link #isOpen()} turns false when done. */
    void close() {
        closing = true;
        connection.close();
    }

    @Override
    public void onMessage(StompFrame message) {
        long now = System.nanoTime();
        JsonNode body;
        try {
            body = JsonHttp.JSON.readTree(message.body());
        } catch (Exception e) {
            return; // not JSON: nothing the scenario counts
        }
        if ("Pong".equals(body.path("type").asText())) {
            pong.complete(null);
            return;
        }
        frames.received(this, body, now);
    }

    @Override
    public void onError(StompFrame error) {
        // the server closes the connection after an ERROR: onClosed counts it
    }

    @Override
    public void onClosed(String reason) {
        pong.completeExceptionally(new IllegalStateException("closed before the pong: " + reason));
        if (!closing) {
            frames.closedUnexpectedly(this, reason);
        }
    }
}
