package parley.command.shutdown;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

/**
 * Counts the frames a STOMP channel is handling and when it last handled one, so the drain can wait
 * until a command being handled has completed and its reply has been written. A session's frames are
 * handled one after another (ordered channels), so "nothing in flight" must also have lasted a quiet
 * period before it means the channel is done.
 */
final class ChannelActivity implements ExecutorChannelInterceptor {

    private static final long POLL_MILLIS = 20;

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastActivityNanos = System.nanoTime();

    @Override
    public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
        inFlight.incrementAndGet();
        lastActivityNanos = System.nanoTime();
        return message;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        lastActivityNanos = System.nanoTime();
        inFlight.decrementAndGet();
    }

    /**
     * Waits until every channel has had nothing in flight for {@code quiet} at the same time (a late
     * command on the inbound channel means one more reply on the outbound one); false if
     * {@code timeout} came first.
     */
    static boolean awaitQuiet(Duration quiet, Duration timeout, ChannelActivity... channels) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allQuiet(quiet, channels)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep();
        }
        return true;
    }

    private static boolean allQuiet(Duration quiet, ChannelActivity... channels) {
        for (ChannelActivity channel : channels) {
            if (!channel.isQuiet(quiet)) {
                return false;
            }
        }
        return true;
    }

    private boolean isQuiet(Duration quiet) {
        return inFlight.get() == 0 && System.nanoTime() - lastActivityNanos >= quiet.toNanos();
    }

    /** Resets the quiet period: something was just sent that the channel will handle. */
    void touched() {
        lastActivityNanos = System.nanoTime();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining", e);
        }
    }
}
