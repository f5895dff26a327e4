package parley.command.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import parley.command.DaemonThreads;
import parley.command.chat.membership.ChatDirectory;

/**
 * Tracks this node's STOMP sessions in the shared presence, keeps their claims fresh, and tells a
 * user's contacts when the user comes online or goes offline.
 */
@Component
class PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);
    private static final int MAX_CONTACTS_NOTIFIED = 1000;

    private final Map<String, UUID> localSessions = new ConcurrentHashMap<>();
    private final Presence presence;
    private final EphemeralBus bus;
    private final ChatDirectory chats;
    private final ObjectMapper objectMapper;
    private final ScheduledExecutorService refresher = DaemonThreads.singleScheduler("presence-refresh");

    PresenceTracker(Presence presence, EphemeralBus bus, ChatDirectory chats, ObjectMapper objectMapper,
            RedisProperties properties) {
        this.presence = presence;
        this.bus = bus;
        this.chats = chats;
        this.objectMapper = objectMapper;
        long period = Math.max(1, properties.sessionTtl().toMillis() / 3);
        refresher.scheduleAtFixedRate(this::refreshAll, period, period, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        Principal user = event.getUser();
        String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        if (user == null || sessionId == null) {
            return;
        }
        UUID userId = UUID.fromString(user.getName());
        localSessions.put(sessionId, userId);
        guarded(() -> {
            if (presence.sessionUp(userId, sessionId)) {
                announce(userId, true);
            }
        });
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        UUID userId = localSessions.remove(event.getSessionId());
        if (userId == null) {
            return;
        }
        guarded(() -> {
            if (presence.sessionDown(userId, event.getSessionId())) {
                announce(userId, false);
            }
        });
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    private void refreshAll() {
        localSessions.forEach((sessionId, userId) -> guarded(() -> presence.refresh(userId, sessionId)));
    }

    private void announce(UUID userId, boolean online) {
        ObjectNode event = objectMapper.createObjectNode();
        event.put("type", "PresenceChanged");
        event.put("userId", userId.toString());
        event.put("online", online);
        var lastSeen = presence.lastSeen(userId, online);
        event.put("lastSeenAt", lastSeen == null ? null : lastSeen.toString());
        bus.publish(chats.contacts(userId, MAX_CONTACTS_NOTIFIED), event);
    }

    private static void guarded(Runnable redisWork) {
        try {
            redisWork.run();
        } catch (RuntimeException e) {
            log.warn("Presence is unavailable (is Redis reachable?)", e);
        }
    }
}
