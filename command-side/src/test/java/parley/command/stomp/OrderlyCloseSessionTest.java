package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The frame queued behind another thread's write just before a close (the closing ERROR frame) is written before the
 * socket closes. Spring's own decorator drops it: this test fails with it.
 */
class OrderlyCloseSessionTest {

    private static final int SEND_TIME_LIMIT_MILLIS = 60_000;
    private final Socket socket = new Socket();
    private final OrderlyCloseSession session = new OrderlyCloseSession(socket, SEND_TIME_LIMIT_MILLIS, 1024 * 1024);

    @AfterEach
    void releaseTheWriter() {
        socket.writeMayFinish.countDown();
    }

    @Test
    void anErrorFrameQueuedBehindAWriteInFlightIsWrittenBeforeTheClose() throws Exception {
        CompletableFuture<Void> heartBeat = CompletableFuture.runAsync(() -> send(new TextMessage("\n")));
        assertThat(socket.writing.await(10, TimeUnit.SECONDS)).isTrue();

        session.sendMessage(new TextMessage("ERROR\nmessage:access token expired\n\n\0"));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> close(CloseStatus.PROTOCOL_ERROR));
        socket.writeMayFinish.countDown();
        heartBeat.get(10, TimeUnit.SECONDS);
        closing.get(10, TimeUnit.SECONDS);

        assertThat(socket.events).containsExactly("\n", "ERROR\nmessage:access token expired\n\n\0", "closed 1002");
    }

    @Test
    void aSessionClosedAsUnreliableIsClosedAtOnceBehindAStuckWrite() throws Exception {
        CompletableFuture.runAsync(() -> send(new TextMessage("stuck")));
        assertThat(socket.writing.await(10, TimeUnit.SECONDS)).isTrue();

        session.close(CloseStatus.SESSION_NOT_RELIABLE);

        assertThat(socket.events).containsExactly("stuck", "closed 4500");
    }

    @Test
    void aSessionWithNoWriteInFlightClosesAtOnce() throws Exception {
        socket.writeMayFinish.countDown();
        session.sendMessage(new TextMessage("pong"));

        session.close(CloseStatus.NORMAL);

        assertThat(socket.events).containsExactly("pong", "closed 1000");
    }

    private void send(WebSocketMessage<?> message) {
        try {
            session.sendMessage(message);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A socket whose writes wait until the test lets them finish; it records what was written and the close. */
    private static final class Socket implements WebSocketSession {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch writeMayFinish = new CountDownLatch(1);
        private volatile boolean open = true;

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws java.io.IOException {
            events.add(String.valueOf(message.getPayload()));
            writing.countDown();
            try {
                writeMayFinish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public void close(CloseStatus status) {
            open = false;
            events.add("closed " + status.getCode());
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String getId() {
            return "s1";
        }

        @Override
        public URI getUri() {
            return null;
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return "v12.stomp";
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }
    }
}
