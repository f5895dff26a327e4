package parley.command.push;

import java.util.Collection;
import java.util.UUID;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Sends to the sessions of users connected to this node, skipping users who are not.
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

    void send(Collection<UUID> recipients, Object event) {
        for (UUID recipient : recipients) {
            sendToUser(recipient.toString(), event);
        }
    }

    /** To {@code /user/queue/events} of every session the user has on this node. */
    public void sendToUser(String userName, Object event) {
        SimpUser user = users.getUser(userName);
        if (user == null) {
            return;
        }
        for (SimpSession session : user.getSessions()) {
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setSessionId(session.getId());
            headers.setLeaveMutable(true);
            messaging.convertAndSendToUser(userName, EVENTS_QUEUE, event, headers.getMessageHeaders());
        }
    }
}
