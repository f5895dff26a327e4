package parley.client.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import parley.client.auth.AccessTokens;
import parley.client.http.ApiException;
import parley.client.http.JsonHttp;
import parley.client.stomp.StompConnectException;
import parley.client.stomp.StompConnection;
import parley.client.stomp.StompFrame;
import parley.client.stomp.StompListener;

/**
 * The one live STOMP session of a client: CONNECT with the access token, the two subscriptions, commands with
 * their replies, and reconnection with {@link Backoff} when the connection is lost. Commands waiting for a reply
 * when the connection drops are sent again on the next one (with the same id, which the server deduplicates).
 *
 * <p>A node that shuts down pushes {@code Reconnect} and then closes the WebSocket with 1012 (service restart).
 * From the {@code Reconnect} on, no new command goes out on that connection (commands already sent still get their
 * replies there); after the close the client reconnects at once, to the next base URL if several are configured,
 * and catches up from its last seq like after any reconnect.
 */
public final class LiveConnection implements AutoCloseable {

    public static final String REPLIES = "/user/queue/replies";
    public static final String EVENTS = "/user/queue/events";
    private static final System.Logger LOG = System.getLogger(LiveConnection.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long WAIT_SLICE_MILLIS = 200;
    /** Close code of a node that is shutting down (RFC 6455 registry: service restart). */
    public static final int SERVICE_RESTART = 1012;
    /** In the ERROR frame of a node that refuses a CONNECT while it shuts down: no reason to renew the token. */
    private static final String NODE_SHUTTING_DOWN = "shutting down";
    /** If a draining node has not closed the connection by then, the client leaves by itself. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);

    /** Called on the connection's threads: hand work off rather than block. */
    public interface Handler {
        void event(JsonNode event);

        /** @param reconnected false for the first connection */
        void connected(boolean reconnected);

        void disconnected(String reason, boolean retrying);
    }

    private final JsonHttp http;
    private final AccessTokens tokens;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Handler handler;
    private final Replies replies = new Replies();
    private final Object lock = new Object();
    private StompConnection current;
    /** The current connection once its node said {@code Reconnect}: commands wait for the next one. */
    private StompConnection draining;
    private long generation;
    private volatile boolean closing;
    private boolean tokenRefused;

    public LiveConnection(JsonHttp http, AccessTokens tokens, Backoff backoff, ScheduledExecutorService scheduler,
                          Handler handler) {
        this.http = http;
        this.tokens = tokens;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.handler = handler;
        SessionRefresh.keep(tokens, scheduler, this);
    }

    /** The first connection; fails rather than retries, so that wrong settings surface at once. */
    public void open() {
        connectOnce();
        handler.connected(false);
    }

    /**
     * Sends a command and waits for its reply (matched by {@code id}, the command's clientMessageId or
     * clientCommandId); if the connection is replaced meanwhile the command is sent again on the new one.
     *
     * @throws CommandTimeoutException no reply within {@code timeout}
     */
    public JsonNode request(String destination, Object body, String id, Duration timeout) {
        try {
            return awaitReply(destination, body, id, timeout);
        } catch (TimeoutException e) {
            throw new CommandTimeoutException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException("interrupted while waiting for the reply to " + id, e);
        }
    }

    private JsonNode awaitReply(String destination, Object body, String id, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<JsonNode> reply = replies.expect(id);
        try {
            long sentOn = -1;
            while (true) {
                long now = connectedGeneration(deadline);
                if (now != sentOn) {
                    sendOn(now, destination, body);
                    sentOn = now;
                }
                try {
                    return reply.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException("no reply to " + destination + " " + id + " within " + timeout);
                    }
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible.getCause());
                }
            }
        } finally {
            replies.forget(id);
        }
    }

    /** A command whose reply nobody waits for (receipts); dropped if there is no connection right now. */
    public void fireAndForget(String destination, Object body) {
        StompConnection connection;
        synchronized (lock) {
            connection = current;
        }
        if (connection != null && connection.isOpen()) {
            connection.send(destination, JsonHttp.write(body));
        }
    }

    /** Drops the socket as a network failure would; the client reconnects as after any loss. */
    public void abort() {
        StompConnection connection;
        synchronized (lock) {
            connection = current;
        }
        if (connection != null) {
            connection.abort();
        }
    }

    @Override
    public void close() {
        StompConnection connection;
        synchronized (lock) {
            closing = true;
            connection = current;
            current = null;
            lock.notifyAll();
        }
        if (connection != null) {
            connection.close();
        }
    }

    private void connectOnce() {
        if (tokenRefused) {
            tokens.refreshNow();
        }
        Routing routing = new Routing();
        StompConnection connection = StompConnection.open(http.client(), http.webSocketUri(),
                Map.of("Authorization", "Bearer " + tokens.current()), routing, scheduler, CONNECT_TIMEOUT);
        routing.connection = connection;
        routing.repliesSubscription = connection.subscribe(REPLIES);
        connection.subscribe(EVENTS);
        confirmSubscriptions(connection);
        synchronized (lock) {
            if (closing) {
                connection.close();
                throw new IllegalStateException("closed while connecting");
            }
            current = connection;
            generation++;
            tokenRefused = false;
            lock.notifyAll();
        }
        if (!connection.isOpen()) {
            lost(connection, "closed while connecting");
        }
    }

    /** Frames are handled in order, so the pong proves both SUBSCRIBEs are active before anything is relied on. */
    private void confirmSubscriptions(StompConnection connection) {
        String id = "ping-" + UUID.randomUUID();
        CompletableFuture<JsonNode> pong = replies.expect(id);
        connection.send("/app/session.ping", JsonHttp.write(Map.of("clientCommandId", id)));
        try {
            pong.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            connection.abort();
            throw new StompConnectException("no pong after subscribing", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort();
            throw new StompConnectException("interrupted while subscribing", null, e);
        } finally {
            replies.forget(id);
        }
    }

    private long connectedGeneration(long deadline) throws TimeoutException, InterruptedException {
        synchronized (lock) {
            while (current == null || !current.isOpen() || current == draining) {
                if (closing) {
                    throw new IllegalStateException("the client is closed");
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("not connected");
                }
                lock.wait(Math.min(left, WAIT_SLICE_MILLIS));
            }
            return generation;
        }
    }

    private void sendOn(long expectedGeneration, String destination, Object body) {
        synchronized (lock) {
            if (generation == expectedGeneration && current != null) {
                current.send(destination, JsonHttp.write(body));
            }
        }
    }

    /** The node is shutting down: nothing new goes out on this connection, and the node will close it soon. */
    private void draining(StompConnection connection) {
        synchronized (lock) {
            if (current != connection) {
                return;
            }
            draining = connection;
        }
        LOG.log(Level.INFO, "the server asked to reconnect elsewhere (it is shutting down)");
        scheduler.schedule(() -> {
            if (connection.isOpen()) {
                connection.abort();
            }
        }, DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lost(StompConnection connection, String reason) {
        boolean nodeLeft;
        synchronized (lock) {
            if (closing || connection == null || current != connection) {
                return; // a connection that never became current, or one already replaced
            }
            nodeLeft = draining == connection || connection.closeCode() == SERVICE_RESTART;
            current = null;
            draining = null;
        }
        if (nodeLeft) {
            LOG.log(Level.INFO, "the server is restarting; reconnecting to {0}", http.moveToNextBaseUrl());
        }
        handler.disconnected(reason, true);
        scheduleReconnect(0);
    }

    private void scheduleReconnect(int attempt) {
        Duration delay = backoff.delay(attempt);
        scheduler.schedule(() -> reconnect(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect(int attempt) {
        synchronized (lock) {
            if (closing) {
                return;
            }
        }
        try {
            connectOnce();
            handler.connected(true);
        } catch (ApiException refreshRefused) {
            if (refreshRefused.status() == 401) {
                handler.disconnected("the session ended (refresh refused): log in again", false);
                return;
            }
            retryLater(attempt, refreshRefused);
        } catch (RuntimeException failed) {
            retryLater(attempt, failed);
        }
    }

    private void retryLater(int attempt, RuntimeException failure) {
        LOG.log(Level.DEBUG, "reconnect attempt {0} failed: {1}", attempt, failure.toString());
        http.moveToNextBaseUrl(); // that node may be gone: the next attempt tries another (if there are several)
        if (failure instanceof StompConnectException refused && refused.serverMessage() != null
                && !refused.serverMessage().contains(NODE_SHUTTING_DOWN)) {
            tokenRefused = true;
        }
        scheduleReconnect(attempt + 1);
    }

    /** Routes one connection's frames; each StompConnection gets its own, so a stale one can be told apart. */
    private final class Routing implements StompListener {
        private volatile StompConnection connection;
        private volatile String repliesSubscription;
        private volatile String error;

        @Override
        public void onMessage(StompFrame message) {
            JsonNode body;
            try {
                body = JsonHttp.JSON.readTree(message.body());
            } catch (JsonProcessingException e) {
                LOG.log(Level.WARNING, "a non-JSON message on {0} ignored", message.header("destination"));
                return;
            }
            String subscription = message.header("subscription");
            if (subscription != null && subscription.equals(repliesSubscription)) {
                replies.received(body);
            } else if ("Reconnect".equals(body.path("type").asText())) {
                draining(connection);
            } else {
                handler.event(body);
            }
        }

        @Override
        public void onError(StompFrame frame) {
            error = frame.header("message");
            LOG.log(closing ? Level.DEBUG : Level.INFO, "STOMP ERROR: {0}", error);
        }

        @Override
        public void onClosed(String reason) {
            String why = error == null ? reason : error + " (" + reason + ")";
            if (error != null && !error.contains(NODE_SHUTTING_DOWN)) {
                tokenRefused = true; // access token expired or session revoked: a fresh token is needed
            }
            lost(connection, why);
        }
    }
}
