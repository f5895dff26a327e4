package parley.client.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A STOMP 1.2 session over {@link java.net.http.WebSocket}: CONNECT (with the caller's headers, e.g.
 * {@code Authorization}), SUBSCRIBE, SEND, DISCONNECT and heart-beats both ways. ERROR frames and the end of
 * the connection are reported to the {@link StompListener}.
 */
public final class StompConnection implements AutoCloseable {

    private static final Duration HEART_BEAT_OFFER = Duration.ofSeconds(10);

    private final StompListener listener;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<StompFrame> connected = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger subscriptionIds = new AtomicInteger();
    private final Outbox outbox = new Outbox();
    private volatile WebSocket socket;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile HeartBeat heartBeat = HeartBeat.NONE;
    private volatile int closeCode = -1;
    private ScheduledFuture<?> heartBeatTask;
    private ScheduledFuture<?> silenceCheck;

    private StompConnection(StompListener listener, ScheduledExecutorService scheduler) {
        this.listener = listener;
        this.scheduler = scheduler;
    }

    /**
     * Opens the WebSocket, sends CONNECT with {@code connectHeaders} and waits for CONNECTED.
     *
     * @throws StompConnectException the socket did not open, or the server answered with ERROR, or no answer in time
     */
    public static StompConnection open(HttpClient http, URI uri, Map<String, String> connectHeaders, StompListener listener,
                                       ScheduledExecutorService scheduler, Duration timeout) {
        StompConnection connection = new StompConnection(listener, scheduler);
        try {
            connection.socket = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, connection.new Reader()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String offer = HeartBeat.offer(HEART_BEAT_OFFER, HEART_BEAT_OFFER);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("accept-version", "1.2");
            headers.put("host", uri.getHost());
            headers.put("heart-beat", offer);
            headers.putAll(connectHeaders);
            connection.sendFrame(StompFrame.of("CONNECT", headers));
            StompFrame answer = connection.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            connection.startHeartBeats(HeartBeat.negotiate(offer, answer.header("heart-beat")));
            return connection;
        } catch (ExecutionException e) {
            connection.abort();
            Throwable cause = e.getCause();
            String serverMessage = cause instanceof StompConnectException refused ? refused.serverMessage() : null;
            throw new StompConnectException("STOMP connect to " + uri + " failed: " + cause.getMessage(), serverMessage, cause);
        } catch (TimeoutException e) {
            connection.abort();
            throw new StompConnectException("STOMP connect to " + uri + " timed out", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort();
            throw new StompConnectException("interrupted while connecting", null, e);
        }
    }

    /** Subscribes with {@code ack:auto}; returns the subscription id that MESSAGE frames will carry. */
    public String subscribe(String destination) {
        String id = "sub-" + subscriptionIds.getAndIncrement();
        sendFrame(StompFrame.of("SUBSCRIBE", Map.of("id", id, "destination", destination, "ack", "auto")));
        return id;
    }

    /** Sends a JSON body to {@code destination}; completes when the socket has taken the frame. */
    public CompletableFuture<Void> send(String destination, String json) {
        return sendFrame(new StompFrame("SEND", Map.of("destination", destination, "content-type", "application/json"), json));
    }

    public HeartBeat heartBeat() {
        return heartBeat;
    }

    /** The close code the server sent (1012: the node is restarting), -1 if it did not close the connection. */
    public int closeCode() {
        return closeCode;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** A polite end: DISCONNECT, then the WebSocket close handshake. The listener's onClosed still runs once. */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        sendFrame(StompFrame.of("DISCONNECT", Map.of()))
                .thenCompose(sent -> outbox.then(() -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")))
                .orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((done, failure) -> ended("closed by the client"));
    }

    /** Drops the connection at once, as a network failure would (no DISCONNECT, no close handshake). */
    public void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        ended("aborted");
    }

    private CompletableFuture<Void> sendFrame(StompFrame frame) {
        return sendText(StompCodec.encode(frame));
    }

    private CompletableFuture<Void> sendText(String text) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the STOMP connection is closed"));
        }
        return outbox.then(() -> socket.sendText(text, true));
    }

    private void startHeartBeats(HeartBeat negotiated) {
        heartBeat = negotiated;
        if (!negotiated.sendEvery().isZero()) {
            long every = negotiated.sendEvery().toMillis();
            heartBeatTask = scheduler.scheduleAtFixedRate(() -> sendText(StompCodec.HEART_BEAT), every, every, TimeUnit.MILLISECONDS);
        }
        if (!negotiated.expectEvery().isZero()) {
            long every = negotiated.expectEvery().toMillis();
            silenceCheck = scheduler.scheduleAtFixedRate(this::checkSilence, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void checkSilence() {
        long silentFor = System.nanoTime() - lastReceivedNanos;
        if (silentFor > heartBeat.silenceLimit().toNanos()) {
            WebSocket current = socket;
            if (current != null) {
                current.abort();
            }
            ended("no heart-beat from the server for " + Duration.ofNanos(silentFor).toMillis() + " ms");
        }
    }

    private void ended(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (heartBeatTask != null) {
            heartBeatTask.cancel(false);
        }
        if (silenceCheck != null) {
            silenceCheck.cancel(false);
        }
        connected.completeExceptionally(new StompConnectException("connection ended: " + reason, null, null));
        listener.onClosed(reason);
    }

    private void received(StompFrame frame) {
        switch (frame.command()) {
            case "CONNECTED" -> connected.complete(frame);
            case "MESSAGE" -> listener.onMessage(frame);
            case "ERROR" -> {
                String message = frame.header("message");
                if (!connected.isDone()) {
                    connected.completeExceptionally(new StompConnectException("ERROR " + message, message, null));
                } else {
                    listener.onError(frame);
                }
            }
            default -> { } // RECEIPT: this client asks for none
        }
    }

    /** java.net.http.WebSocket allows one outstanding send at a time: frames queue behind each other here. */
    private static final class Outbox {
        private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

        synchronized CompletableFuture<Void> then(Supplier<CompletableFuture<WebSocket>> send) {
            CompletableFuture<Void> next = last.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> send.get()).thenApply(ws -> null);
            last = next;
            return next;
        }
    }

    private final class Reader implements WebSocket.Listener {
        private final StompDecoder decoder = new StompDecoder();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastReceivedNanos = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    decoder.feed(text).forEach(StompConnection.this::received);
                } catch (StompProtocolException e) {
                    webSocket.abort();
                    ended("protocol error: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            ended("closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended("failed: " + error);
        }
    }
}
