package parley.command.stomp;

import java.util.List;
import java.util.UUID;
import parley.api.privatechat.MessageAccepted;
import parley.command.device.DeviceDirectory.UserDevice;
import parley.command.e2ee.StaleDevicesException;
import parley.command.rejection.RejectionCode;

/** Bodies sent to {@code /user/queue/replies}; {@code type} tells them apart. */
final class Replies {

    private Replies() {
    }

    record Accepted(String type, String clientMessageId, UUID chatId, UUID messageId, long seq) {
        static Accepted of(String clientMessageId, MessageAccepted accepted) {
            return new Accepted("MessageAccepted", clientMessageId, accepted.chatId(), accepted.messageId(), accepted.seq());
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

    record Pong(String type, String clientCommandId) {
    }

    record SessionRefreshed(String type, String clientCommandId, java.time.Instant expiresAt) {
    }

    record GroupCreated(String type, String clientCommandId, UUID groupId) {
        static GroupCreated of(String clientCommandId, UUID groupId) {
            return new GroupCreated("GroupCreated", clientCommandId, groupId);
        }
    }

    record CommandAccepted(String type, String clientCommandId) {
        static CommandAccepted of(String clientCommandId) {
            return new CommandAccepted("CommandAccepted", clientCommandId);
        }
    }
}
