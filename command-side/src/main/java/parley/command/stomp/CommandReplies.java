package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.command.chat.CommandRejectedException;
import parley.command.chat.RejectionCode;

/** Turns a failed command into the {@code CommandRejected} reply the client correlates by its id. */
@Component
class CommandReplies {

    private static final Logger log = LoggerFactory.getLogger(CommandReplies.class);

    Replies.Rejected rejection(JsonNode body, RuntimeException failure) {
        String clientId = body == null ? null : firstText(body, "clientMessageId", "clientCommandId");
        CommandRejectedException rejected = findRejection(failure);
        if (rejected != null) {
            return Replies.Rejected.of(clientId, rejected.code(), rejected.getMessage());
        }
        log.error("Command failed unexpectedly", failure);
        return Replies.Rejected.of(clientId, RejectionCode.INTERNAL_ERROR, "the command could not be processed; retry it");
    }

    private static CommandRejectedException findRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }

    private static String firstText(JsonNode body, String... fields) {
        for (String field : fields) {
            String value = CommandPayloads.optionalText(body, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
