package parley.command.stomp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * What a client's frame may address, as an allow-list. Spring routes every inbound frame by its
 * destination: {@code /app/**} to the command controllers, {@code /user/**} to the user-destination
 * handler (which delivers to another user's sessions) and {@code /queue/**} to the broker (which
 * delivers to every subscriber). Only the first is for clients: a {@code SEND} anywhere else would
 * write a forged event into someone else's screen. So a {@code SEND} goes only to {@code /app/...},
 * a {@code SUBSCRIBE} only to one of the caller's own {@code /user/queue/...} queues, and a frame that
 * only servers send ({@code MESSAGE}, {@code RECEIPT}, ...) or that Parley does not use (transactions,
 * acknowledgements) is refused. A refusal drops the frame and answers an {@code ERROR} frame (which closes the session), a
 * line on the {@code parley.security} log and a count on {@code parley.security.stomp_frame_refused}.
 */
@Component
class StompFrameRules implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger("parley.security");

    static final String REFUSED_METER = "parley.security.stomp_frame_refused";

    private static final Set<StompCommand> CLIENT_COMMANDS = EnumSet.of(StompCommand.CONNECT, StompCommand.STOMP,
            StompCommand.SEND, StompCommand.SUBSCRIBE, StompCommand.UNSUBSCRIBE, StompCommand.DISCONNECT);
    /** A command name after {@code /app/}: no second slash, no {@code ..}, nothing another handler could match. */
    private static final Pattern APP_DESTINATION = Pattern.compile("/app/[A-Za-z][A-Za-z0-9.]{0,63}");
    /** {@code /user/queue/<name>}: the user-destination handler resolves it to this session's own queue. */
    private static final Pattern OWN_QUEUE = Pattern.compile("/user/queue/[A-Za-z][A-Za-z0-9]{0,63}");
    private static final int LOGGED_DESTINATION_LENGTH = 120;

    private final MeterRegistry meters;
    private final StompSessions sessions;

    StompFrameRules(MeterRegistry meters, StompSessions sessions) {
        this.meters = meters;
        this.sessions = sessions;
        // Every command a refusal can name starts at 0: a series first seen at 1 shows Prometheus no increase.
        EnumSet.complementOf(EnumSet.of(StompCommand.CONNECT, StompCommand.STOMP, StompCommand.UNSUBSCRIBE, StompCommand.DISCONNECT))
                .forEach(command -> refusals(command.name()));
    }

    private Counter refusals(String command) {
        return Counter.builder(REFUSED_METER)
                .description("client STOMP frames refused for their command or destination (frame injection attempts)")
                .tag("command", command)
                .register(meters);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message; // a heart-beat: it carries no destination and reaches no handler
        }
        StompCommand command = accessor.getCommand();
        String destination = accessor.getDestination();
        if (!CLIENT_COMMANDS.contains(command)) {
            return refused(accessor, command + " frames are not accepted from clients");
        }
        if (command == StompCommand.SEND && !matches(APP_DESTINATION, destination)) {
            return refused(accessor, "SEND is only allowed to /app/... command destinations");
        }
        if (command == StompCommand.SUBSCRIBE && !matches(OWN_QUEUE, destination)) {
            // A raw broker queue name or another user's destination would let one user read another's.
            return refused(accessor, "only /user/queue/... destinations can be subscribed to");
        }
        return message;
    }

    private static boolean matches(Pattern pattern, String destination) {
        return destination != null && pattern.matcher(destination).matches();
    }

    /**
     * Drops the frame and closes the session with an ERROR frame sent explicitly: with the session's
     * frames handled in order, Spring only logs an exception thrown here and sends the client nothing.
     */
    private Message<?> refused(StompHeaderAccessor accessor, String reason) {
        String command = accessor.getCommand().name();
        refusals(command).increment();
        Principal user = accessor.getUser();
        log.warn("event=stomp_frame_refused user={} session={} command={} destination={}",
                user == null ? "-" : user.getName(), accessor.getSessionId(), command, loggable(accessor.getDestination()));
        sessions.close(accessor.getSessionId(), reason);
        return null;
    }

    /** The destination is the attacker's text: shortened, and anything but printable ASCII replaced, so it cannot forge log lines. */
    private static String loggable(String destination) {
        if (destination == null) {
            return "-";
        }
        String shortened = destination.length() > LOGGED_DESTINATION_LENGTH ? destination.substring(0, LOGGED_DESTINATION_LENGTH) + "..." : destination;
        return shortened.replaceAll("[^\\x21-\\x7E]", "?");
    }
}
