package parley.command.push;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;

/**
 * Sends to the sessions of users connected to this node, skipping users who are not.
 *
 * <p>An event is converted to JSON once, however many sessions it reaches (a group of 500 would
 * otherwise serialise the same event 500 times), and only if one of its recipients is connected here.
 *
 * <p>Each session gets its own message. A user with several sessions (several devices) must not be sent one
 * message for Spring's user-destination fan-out: with {@code preservePublishOrder} the ordered broker channel
 * marks the message's headers after the first session, and the second session's send fails ("Expected mutable
 * SimpMessageHeaderAccessor"), so only one device received events.
 */
@Component
public class LocalSessions {

    private static final String EVENTS_QUEUE = "/queue/events";

    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry users;

    LocalSessions(SimpMessagingTemplate messaging, SimpUserRegistry users) {
        this.messaging = messaging;
        this.users = users;
    }

    /** @return the sessions it was sent to (0: none of the recipients is connected here) */
    int send(Collection<UUID> recipients, Object event) {
        return sendToUsers(recipients.stream().map(UUID::toString).toList(), event);
    }

    /** To {@code /user/queue/events} of every session the user has on this node. */
    public void sendToUser(String userName, Object event) {
        sendToUsers(List.of(userName), event);
    }

    private int sendToUsers(List<String> userNames, Object event) {
        Message<?> encoded = null;
        int sent = 0;
        for (String userName : userNames) {
            SimpUser user = users.getUser(userName);
            if (user != null) {
                encoded = encoded != null ? encoded : encode(event);
                sent += sendToSessions(user, encoded);
            }
        }
        return sent;
    }

    private Message<?> encode(Object event) {
        MessageConverter converter = messaging.getMessageConverter();
        Message<?> encoded = converter.toMessage(event, null);
        if (encoded == null) {
            throw new IllegalStateException("no converter writes " + event.getClass().getName());
        }
        return encoded;
    }

    private int sendToSessions(SimpUser user, Message<?> encoded) {
        int sent = 0;
        for (SimpSession session : user.getSessions()) {
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setSessionId(session.getId());
            headers.setContentType(encoded.getHeaders().get(MessageHeaders.CONTENT_TYPE, MimeType.class));
            headers.setLeaveMutable(true);
            messaging.send("/user/" + user.getName() + EVENTS_QUEUE, MessageBuilder.createMessage(encoded.getPayload(),
                    headers.getMessageHeaders()));
            sent++;
        }
        return sent;
    }
}
