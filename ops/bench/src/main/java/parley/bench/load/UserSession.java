package parley.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import parley.client.http.JsonHttp;
import parley.client.stomp.StompConnection;
import parley.client.stomp.StompFrame;
import parley.client.stomp.StompListener;

/**
 * One user's one STOMP session, subscribed to its replies and events. Setup commands wait for their reply
 * ({@link #request}); everything else (the measured sends' replies, events) goes to the {@link Listener} on the
 * connection's reader thread. The SDK's reconnecting LiveConnection is not used on purpose: a session that
 * drops during a run is a failure to count, not to hide.
 */
final class UserSession implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    interface Listener {
        void reply(UserSession session, JsonNode reply);

        void event(UserSession session, JsonNode event);

        void closed(UserSession session, String reason);
    }

    private final BenchUser user;
    private final Listener listener;
    private final Map<String, CompletableFuture<JsonNode>> requests = new ConcurrentHashMap<>();
    private final ReceiptCoalescer receipts;
    private volatile StompConnection connection;
    private volatile String repliesSubscription;
    private volatile boolean closing;

    private UserSession(BenchUser user, Listener listener, ReceiptCoalescer receipts) {
        this.user = user;
        this.listener = listener;
        this.receipts = receipts;
    }

    /** Connects, subscribes, and waits for a pong so that both subscriptions are known to be active. */
    static UserSession open(HttpClient http, URI webSocket, BenchUser user, Listener listener, ReceiptCoalescer receipts,
            ScheduledExecutorService scheduler) {
        UserSession session = new UserSession(user, listener, receipts);
        session.connection = StompConnection.open(http, webSocket, Map.of("Authorization", "Bearer " + user.accessToken()),
                session.new Frames(), scheduler, CONNECT_TIMEOUT);
        session.repliesSubscription = session.connection.subscribe("/user/queue/replies");
        session.connection.subscribe("/user/queue/events");
        session.request("/app/session.ping", "{\"clientCommandId\":\"ping\"}", "ping", CONNECT_TIMEOUT);
        return session;
    }

    BenchUser user() {
        return user;
    }

    ReceiptCoalescer receipts() {
        return receipts;
    }

    CompletableFuture<Void> send(String destination, String json) {
        return connection.send(destination, json);
    }

    /** Sends a command and waits for the reply that echoes {@code replyId}. */
    JsonNode request(String destination, String json, String replyId, Duration timeout) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        requests.put(replyId, reply);
        try {
            connection.send(destination, json);
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + replyId, e);
        } catch (Exception e) {
            throw new IllegalStateException(user.username() + ": no reply to " + destination + " " + replyId, e);
        } finally {
            requests.remove(replyId);
        }
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        closing = true;
        connection.close();
    }

    private final class Frames implements StompListener {
        @Override
        public void onMessage(StompFrame message) {
            JsonNode body;
            try {
                body = JsonHttp.JSON.readTree(message.body());
            } catch (JsonProcessingException e) {
                return; // not a Parley frame: nothing the run measures
            }
            if (Objects.equals(message.header("subscription"), repliesSubscription)) {
                String id = body.path("clientMessageId").asText(body.path("clientCommandId").asText(""));
                CompletableFuture<JsonNode> waiting = requests.get(id);
                if (waiting != null) {
                    waiting.complete(body);
                } else {
                    listener.reply(UserSession.this, body);
                }
            } else {
                listener.event(UserSession.this, body);
            }
        }

        @Override
        public void onError(StompFrame error) {
            listener.closed(UserSession.this, "ERROR " + error.header("message"));
        }

        @Override
        public void onClosed(String reason) {
            if (!closing) {
                listener.closed(UserSession.this, reason);
            }
        }
    }
}
