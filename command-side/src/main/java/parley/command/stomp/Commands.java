package parley.command.stomp;

import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import parley.api.privatechat.MessageAccepted;
import parley.command.overload.DeliveryBacklog;

/** Dispatches commands from STOMP frames and waits for their outcome (a reply is owed either way). */
@Component
public class Commands {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway gateway;
    private final DeliveryBacklog backlog;

    Commands(CommandGateway gateway, DeliveryBacklog backlog) {
        this.gateway = gateway;
        this.backlog = backlog;
    }

    public <R> R send(Object command) {
        return gateway.sendAndWait(command, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Sends a message command whose new message gets {@code messageId}, and tracks it until live push
     * sees it. A retry (a clientMessageId already sent) is answered with the first attempt's result
     * and appends nothing, so only an answer carrying this attempt's own id is a message to wait for.
     */
    public MessageAccepted sendMessage(Object command, UUID messageId) {
        MessageAccepted accepted = send(command);
        if (messageId.equals(accepted.messageId())) {
            backlog.accepted(messageId);
        }
        return accepted;
    }

    /** The sender of every command is the authenticated user, never a field of the body. */
    public static UUID userOf(Principal principal) {
        return UUID.fromString(principal.getName());
    }
}
