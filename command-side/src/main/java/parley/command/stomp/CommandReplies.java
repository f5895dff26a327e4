package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import parley.command.chat.CommandRejectedException;
import parley.command.chat.RejectionCode;

/**
 * Runs a STOMP command: reads its JSON body, performs it, and turns any failure into the
 * {@code CommandRejected} reply the client correlates by its id, so a bad frame never breaks the
 * session.
 */
@Component
class CommandReplies {

    private static final Logger log = LoggerFactory.getLogger(CommandReplies.class);

    private final CommandPayloads payloads;

    CommandReplies(CommandPayloads payloads) {
        this.payloads = payloads;
    }

    Object execute(Message<?> message, Function<JsonNode, Object> command) {
        JsonNode body = null;
        try {
            body = payloads.read(message);
            return command.apply(body);
        } catch (RuntimeException e) {
            return rejection(body, e);
        }
    }

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
