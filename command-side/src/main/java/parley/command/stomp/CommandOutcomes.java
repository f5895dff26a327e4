package parley.command.stomp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import parley.command.rejection.RejectionCode;

/**
 * Counts every STOMP command's result in {@code parley.commands{destination, outcome, code}}
 * (Prometheus {@code parley_commands_total}): {@code accepted} with code {@code none} when its
 * {@link StompMapping} handler returned, {@code rejected} with the reply's code when
 * {@link CommandRejections} answered it.
 *
 * <p>The destination is the handler's own {@link StompMapping#value()} (set when its body is
 * resolved), never the frame's: a client can write any destination, and a tag taken from it would
 * let one client grow the registry without bound. A frame that reaches no handler gets no reply and
 * is not counted. The handler and its exception handler run on the inbound channel's thread that
 * handles the frame, between {@link #beforeHandle} and {@link #afterMessageHandled}, so the pending
 * result is kept per thread for exactly that span.
 */
@Component
class CommandOutcomes implements ExecutorChannelInterceptor {

    static final String METER = "parley.commands";
    /** The destination tag of a rejection that came before the handler was known (it has none). */
    static final String UNKNOWN_DESTINATION = "unknown";
    private static final String NO_CODE = "none";

    private final MeterRegistry meters;
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    CommandOutcomes(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A handler was found for the frame and is about to run. */
    void started(String destination) {
        pending.set(new Pending(destination));
    }

    /** {@link CommandRejections} answered the frame with this code. */
    void rejected(RejectionCode code) {
        Pending current = pending.get();
        if (current == null) {
            count(UNKNOWN_DESTINATION, "rejected", code.name());
            return;
        }
        if (!current.rejected) {
            current.rejected = true;
            count(current.destination, "rejected", code.name());
        }
    }

    @Override
    public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
        pending.remove();
        return message;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception failure) {
        Pending current = pending.get();
        pending.remove();
        if (current == null || current.rejected) {
            return;
        }
        if (failure != null) {
            // Not even the exception handler could answer: the client got no reply, the command failed.
            count(current.destination, "rejected", RejectionCode.INTERNAL_ERROR.name());
        } else {
            count(current.destination, "accepted", NO_CODE);
        }
    }

    private void count(String destination, String outcome, String code) {
        Counter.builder(METER).description("STOMP commands answered, by destination, outcome and rejection code")
                .tag("destination", destination).tag("outcome", outcome).tag("code", code)
                .register(meters).increment();
    }

    private static final class Pending {
        private final String destination;
        private boolean rejected;

        private Pending(String destination) {
            this.destination = destination;
        }
    }
}
