package parley.command.stomp;

import java.util.List;
import java.util.UUID;
import parley.api.privatechat.MessageAccepted;
import parley.command.device.DeviceDirectory.UserDevice;
import parley.command.e2ee.StaleDevicesException;
import parley.command.rejection.RejectionCode;

/**
 * Bodies sent to {@code /user/queue/replies} that more than one feature sends; {@code type} tells
 * them apart. A reply only one handler sends lives beside it.
 */
public final class Replies {

    /** Where every {@link StompMapping} handler's answer goes, on the sender's own session. */
    static final String QUEUE = "/queue/replies";

    private Replies() {
    }

    /** A message stored: its chat, id and {@code seq}. */
    public record Accepted(String type, String clientMessageId, UUID chatId, UUID messageId, long seq) {
        public static Accepted of(String clientMessageId, MessageAccepted accepted) {
            return new Accepted("MessageAccepted", clientMessageId, accepted.chatId(), accepted.messageId(), accepted.seq());
        }
    }

    /** Any other command done. */
    public record CommandAccepted(String type, String clientCommandId) {
        public static CommandAccepted of(String clientCommandId) {
            return new CommandAccepted("CommandAccepted", clientCommandId);
        }
    }

    record Rejected(String type, String clientMessageId, RejectionCode code, String detail) {
        static Rejected of(String clientMessageId, RejectionCode code, String detail) {
            return new Rejected("CommandRejected", clientMessageId, code, detail);
        }
    }

    /** {@code CommandRejected} with {@code STALE_DEVICES}: the devices the message must be sealed for. */
    record StaleDevices(String type, String clientMessageId, RejectionCode code, String detail, List<UserDevice> devices) {
        static StaleDevices of(String clientMessageId, StaleDevicesException stale) {
            return new StaleDevices("CommandRejected", clientMessageId, stale.code(), stale.getMessage(), stale.currentDevices());
        }
    }

    /**
     * {@code CommandRejected} that nothing was done and when the same command may be retried:
     * {@code RATE_LIMITED} or {@code OVERLOADED}.
     */
    record RetryLater(String type, String clientMessageId, RejectionCode code, String detail, long retryAfterMs) {
        static RetryLater of(String clientMessageId, RetryLaterException later) {
            return new RetryLater("CommandRejected", clientMessageId, later.code(), later.getMessage(), later.retryAfterMs());
        }
    }
}
