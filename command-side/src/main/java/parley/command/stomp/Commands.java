package parley.command.stomp;

import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** Dispatches commands from STOMP frames and waits for their outcome (a reply is owed either way). */
@Component
class Commands {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    <R> R send(Object command) {
        return gateway.sendAndWait(command, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The sender of every command is the authenticated user, never a field of the body. */
    static UUID userOf(Principal principal) {
        return UUID.fromString(principal.getName());
    }
}
