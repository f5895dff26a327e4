package parley.command.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import parley.command.e2ee.StaleDevicesException;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.ids.ClientIds;
import parley.edge.storage.StorageOutage;

/**
 * Turns whatever a STOMP command threw (while its body was read, bound, admitted, or while it ran)
 * into the {@code CommandRejected} reply the client correlates by its id, so a bad frame never breaks
 * the session. One handler for every exception: Axon wraps a rejection from an aggregate
 * ({@code CommandExecutionException}), so the rejection is looked for along the causes.
 */
@ControllerAdvice
class CommandRejections {

    private static final Logger log = LoggerFactory.getLogger(CommandRejections.class);

    private final FrameBodies bodies;
    private final CommandOutcomes outcomes;

    CommandRejections(FrameBodies bodies, CommandOutcomes outcomes) {
        this.bodies = bodies;
        this.outcomes = outcomes;
    }

    @MessageExceptionHandler(Exception.class)
    @SendToUser(destinations = Replies.QUEUE, broadcast = false)
    Object rejected(Exception failure, Message<?> message) {
        String clientId = clientIdOf(message);
        CommandRejectedException rejected = findRejection(failure);
        if (rejected == null && StorageOutage.causedBy(failure)) {
            log.warn("A command failed because the event store is unreachable; the client is told to send it again: {}",
                    failure.toString());
            rejected = RetryLaterException.unavailable(StorageOutage.RETRY_AFTER_MS);
        }
        outcomes.rejected(rejected != null ? rejected.code() : RejectionCode.INTERNAL_ERROR);
        if (rejected instanceof RetryLaterException later) {
            return Replies.RetryLater.of(clientId, later);
        }
        if (rejected instanceof StaleDevicesException stale) {
            return Replies.StaleDevices.of(clientId, stale);
        }
        if (rejected != null) {
            return Replies.Rejected.of(clientId, rejected.code(), rejected.getMessage());
        }
        log.error("Command failed unexpectedly", failure);
        return Replies.Rejected.of(clientId, RejectionCode.INTERNAL_ERROR, "the command could not be processed; retry it");
    }

    /**
     * The id the reply is correlated by, read from the frame itself (binding may be what failed); one
     * not in the id form (a NUL, 10,000 characters) is not echoed back.
     */
    private String clientIdOf(Message<?> message) {
        String id = bodies.firstText(message, "clientMessageId", "clientCommandId");
        return ClientIds.isValid(id) ? id : null;
    }

    private static CommandRejectedException findRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }
}
