package parley.command.stomp;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Spring's session decorator, closed only after the frames queued before the close are written.
 * <p>
 * While one thread writes to a session (a push, a heart-beat), a frame sent by another thread waits in the buffer for
 * the writer to send it too. Spring's {@code close} stops that writer at once, so a frame queued just before the close
 * is dropped, and the frame sent just before a close is the {@code ERROR} frame that gives its reason ("access token
 * expired", "draining"): the client saw a bare disconnect. Closing here waits for the writers in flight (they empty
 * the buffer before they return), at most the send-time limit. A session closed as unreliable (a writer stuck past
 * that limit, or its buffer over its limit) is closed at once: its frames are abandoned anyway.
 */
final class OrderlyCloseSession extends ConcurrentWebSocketSessionDecorator {

    private final AtomicInteger writers = new AtomicInteger();
    private final Object noWriters = new Object();

    OrderlyCloseSession(WebSocketSession session, int sendTimeLimitMillis, int bufferSizeLimitBytes) {
        super(session, sendTimeLimitMillis, bufferSizeLimitBytes);
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        writers.incrementAndGet();
        try {
            super.sendMessage(message);
        } finally {
            if (writers.decrementAndGet() == 0) {
                synchronized (noWriters) {
                    noWriters.notifyAll();
                }
            }
        }
    }

    @Override
    public void close(CloseStatus status) throws IOException {
        if (!CloseStatus.SESSION_NOT_RELIABLE.equals(status)) {
            awaitWriters();
        }
        super.close(status);
    }

    private void awaitWriters() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(getSendTimeLimit());
        synchronized (noWriters) {
            long left;
            while (writers.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(noWriters, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
