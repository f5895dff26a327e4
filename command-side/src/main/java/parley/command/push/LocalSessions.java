package parley.command.push;

import java.util.Collection;
import java.util.UUID;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/** Sends to the sessions of users connected to this node, skipping users who are not. */
@Component
class LocalSessions {

    private static final String EVENTS_QUEUE = "/queue/events";

    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry users;

    LocalSessions(SimpMessagingTemplate messaging, SimpUserRegistry users) {
        this.messaging = messaging;
        this.users = users;
    }

    void send(Collection<UUID> recipients, Object event) {
        for (UUID recipient : recipients) {
            String name = recipient.toString();
            if (users.getUser(name) != null) {
                messaging.convertAndSendToUser(name, EVENTS_QUEUE, event);
            }
        }
    }
}
