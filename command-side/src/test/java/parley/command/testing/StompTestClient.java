package parley.command.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import parley.local.Patience;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP-over-WebSocket client ({@link WebSocketStompClient}) subscribed to the user's replies
 * and events queues, collecting what arrives for the test to assert on.
 */
public final class StompTestClient implements AutoCloseable {

    private static final org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler SCHEDULER = scheduler();

    private static final String AUTO_ACK = "auto-delivered-";
    /** Tomcat's WebSocket client takes the TLS context of a {@code wss://} connection from this user property. */
    private static final String TOMCAT_SSL_CONTEXT = "org.apache.tomcat.websocket.SSL_CONTEXT";

    private final StompSession session;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CompletableFuture<org.springframework.web.socket.CloseStatus> closed;

    private StompTestClient(StompSession session, java.util.concurrent.CompletableFuture<org.springframework.web.socket.CloseStatus> closed) {
        this.session = session;
        this.closed = closed;
    }

    private static org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler scheduler() {
        var scheduler = new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setDaemon(true);
        scheduler.setThreadNamePrefix("stomp-test-");
        scheduler.initialize();
        return scheduler;
    }

    public static StompTestClient connect(String wsUrl, String accessToken) throws Exception {
        return connect(wsUrl, accessToken, new CloseRecordingClient());
    }

    /** Over {@code wss://}, trusting the server certificates {@code sslContext} trusts. */
    public static StompTestClient connect(String wsUrl, String accessToken, SSLContext sslContext) throws Exception {
        StandardWebSocketClient webSocket = new CloseRecordingClient();
        webSocket.setUserProperties(java.util.Map.of(TOMCAT_SSL_CONTEXT, sslContext));
        return connect(wsUrl, accessToken, webSocket);
    }

    private static StompTestClient connect(String wsUrl, String accessToken, StandardWebSocketClient webSocket) throws Exception {
        ErrorCollector collector = new ErrorCollector();
        StompSession session = connectSession(wsUrl, accessToken, webSocket, collector).get(Patience.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
        var closed = webSocket instanceof CloseRecordingClient recording ? recording.closed
                : new java.util.concurrent.CompletableFuture<org.springframework.web.socket.CloseStatus>();
        StompTestClient testClient = new StompTestClient(session, closed);
        collector.errors = testClient.errors;
        testClient.subscribe("/user/queue/replies", testClient.replies);
        testClient.subscribe("/user/queue/events", testClient.events);
        testClient.awaitSubscriptions();
        return testClient;
    }

    /**
     * Tries a CONNECT that should be refused and returns the server's {@code ERROR} message; fails
     * the test if a session opens.
     */
    public static String refusedConnect(String wsUrl, String accessToken) throws Exception {
        ErrorCollector collector = new ErrorCollector();
        try {
            StompSession session = connectSession(wsUrl, accessToken, new StandardWebSocketClient(), collector)
                    .get(Patience.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
            session.disconnect();
            throw new AssertionError("the CONNECT was accepted");
        } catch (java.util.concurrent.ExecutionException refused) {
            String error = collector.errors.poll(Patience.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS);
            return error == null ? "closed without ERROR frame: " + refused.getCause() : error;
        }
    }

    private static java.util.concurrent.CompletableFuture<StompSession> connectSession(String wsUrl, String accessToken,
            StandardWebSocketClient webSocket, ErrorCollector collector) {
        WebSocketStompClient client = new WebSocketStompClient(webSocket);
        client.setMessageConverter(new ByteArrayMessageConverter() {
            @Override
            protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
                return true; // bodies are JSON bytes; the test parses them itself
            }
        });
        client.setInboundMessageSizeLimit(1024 * 1024);
        client.setTaskScheduler(SCHEDULER);
        StompHeaders connectHeaders = new StompHeaders();
        if (accessToken != null) {
            connectHeaders.add("Authorization", "Bearer " + accessToken);
        }
        return client.connectAsync(wsUrl, new WebSocketHttpHeaders(), connectHeaders, collector);
    }

    private void subscribe(String destination, BlockingQueue<JsonNode> sink) throws Exception {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                try {
                    received(sink, Json.MAPPER.readTree((byte[]) payload));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /**
     * Like a real client, acknowledges delivery of every message as it arrives, and keeps the replies
     * to those acknowledgements out of the test's way.
     */
    private void received(BlockingQueue<JsonNode> sink, JsonNode frame) {
        // An acceptance echoes clientCommandId, a rejection echoes it as clientMessageId (a late push's receipt is refused
        // UNKNOWN_CHAT once its reader has left the group): neither is the test's reply.
        if (sink == replies && (frame.path("clientCommandId").asText().startsWith(AUTO_ACK)
                || frame.path("clientMessageId").asText().startsWith(AUTO_ACK))) {
            return;
        }
        sink.add(frame);
        if (sink == events && "MessageReceived".equals(frame.path("type").asText())) {
            send("/app/chat.delivered", java.util.Map.of("clientCommandId", AUTO_ACK + frame.path("seq").asLong(),
                    "chatId", frame.path("chatId").asText(), "upToSeq", frame.path("seq").asLong()));
        }
    }

    /** The server handles a session's frames in order: once the pong is back, both subscriptions are live. */
    private void awaitSubscriptions() throws Exception {
        send("/app/session.ping", java.util.Map.of("clientCommandId", "subscribed"));
        JsonNode pong = nextReply(Duration.ofSeconds(10));
        if (pong == null || !"Pong".equals(pong.path("type").asText())) {
            throw new IllegalStateException("no pong after subscribing: " + pong);
        }
    }

    public void send(String destination, Object body) {
        try {
            sendRaw(destination, Json.MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Synchronized with {@link #close()}: the test's thread and the thread acknowledging deliveries
     * both send, and Tomcat's WebSocket client fails a frame begun while another is being written
     * ("TEXT_PARTIAL_WRITING"), which slower TLS writes make likely.
     */
    public synchronized void sendRaw(String destination, String body) {
        sendRaw(destination, body, java.util.Map.of());
    }

    /** A SEND with extra headers of the client's choosing (e.g. a forged {@code traceparent}). */
    public synchronized void sendRaw(String destination, String body, java.util.Map<String, String> extraHeaders) {
        StompHeaders headers = new StompHeaders();
        extraHeaders.forEach(headers::add);
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Timeouts here, as in the other waits, are for a quiet machine and scaled to this one ({@link Patience}). */
    public JsonNode nextReply(Duration timeout) throws InterruptedException {
        return replies.poll(Patience.scaled(timeout).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event matching {@code filter}, skipping others; null on time-out. */
    public JsonNode nextEvent(Duration timeout, Predicate<JsonNode> filter) throws InterruptedException {
        long deadline = System.nanoTime() + Patience.scaled(timeout).toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null || filter.test(event)) {
                return event;
            }
        }
    }

    public String nextError(Duration timeout) throws InterruptedException {
        return errors.poll(Patience.scaled(timeout).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The status the WebSocket was closed with (by either side); null if it is still open after {@code timeout}. */
    public org.springframework.web.socket.CloseStatus closeStatus(Duration timeout) throws Exception {
        try {
            return closed.get(Patience.scaled(timeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public synchronized void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }

    /** Tomcat's WebSocket client, remembering the close status of the one connection it opens. */
    private static final class CloseRecordingClient extends StandardWebSocketClient {
        final java.util.concurrent.CompletableFuture<org.springframework.web.socket.CloseStatus> closed =
                new java.util.concurrent.CompletableFuture<>();

        @Override
        protected java.util.concurrent.CompletableFuture<org.springframework.web.socket.WebSocketSession> executeInternal(
                org.springframework.web.socket.WebSocketHandler handler, org.springframework.http.HttpHeaders headers,
                java.net.URI uri, java.util.List<String> protocols,
                java.util.List<org.springframework.web.socket.WebSocketExtension> extensions, java.util.Map<String, Object> attributes) {
            var recording = new org.springframework.web.socket.handler.WebSocketHandlerDecorator(handler) {
                @Override
                public void afterConnectionClosed(org.springframework.web.socket.WebSocketSession session,
                        org.springframework.web.socket.CloseStatus status) throws Exception {
                    closed.complete(status);
                    super.afterConnectionClosed(session, status);
                }
            };
            return super.executeInternal(recording, headers, uri, protocols, extensions, attributes);
        }
    }

    private static final class ErrorCollector extends StompSessionHandlerAdapter {
        private volatile BlockingQueue<String> errors = new LinkedBlockingQueue<>();

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            errors.add(String.valueOf(headers.getFirst("message")));
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            errors.add("transport: " + exception);
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }
    }
}
