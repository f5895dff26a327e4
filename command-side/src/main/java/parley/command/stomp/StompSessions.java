package parley.command.stomp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import parley.command.DaemonThreads;

/**
 * This node's STOMP sessions with the expiry of the access token each was opened (or last
 * re-authenticated) with. A session outliving its token is closed with an {@code ERROR} frame: when
 * it sends a frame, or at the latest at the next sweep. Revoked users' sessions are closed at once.
 */
@Component
public class StompSessions {

    private static final Logger log = LoggerFactory.getLogger(StompSessions.class);
    static final String EXPIRED = "access token expired";
    /** Prometheus {@code parley_websocket_sessions}. */
    static final String SESSIONS_METER = "parley.websocket.sessions";

    private final Map<String, Tracked> sessions = new ConcurrentHashMap<>();
    private final MessageChannel clientOutbound;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = DaemonThreads.singleScheduler("stomp-session-sweep");

    /** The outbound channel is created by the broker configuration, which needs this class first: hence lazy. */
    StompSessions(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, Clock clock, SessionProperties properties,
            MeterRegistry meters) {
        this.clientOutbound = clientOutbound;
        Gauge.builder(SESSIONS_METER, sessions, Map::size).description("open, authenticated STOMP sessions on this node")
                .register(meters);
        this.clock = clock;
        long period = properties.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    public void opened(String sessionId, UUID userId, Instant expiresAt) {
        sessions.put(sessionId, new Tracked(userId, expiresAt));
    }

    /** Extends a session of {@code userId} to a new token's expiry; false if there is no such session. */
    public boolean reauthenticated(String sessionId, UUID userId, Instant expiresAt) {
        Tracked tracked = sessionId == null ? null : sessions.get(sessionId);
        if (tracked == null || !tracked.userId().equals(userId)) {
            return false;
        }
        return sessions.replace(sessionId, tracked, new Tracked(userId, expiresAt));
    }

    /** Closes the session if its token has expired; true if it did (the frame must then be dropped). */
    public boolean closeIfExpired(String sessionId) {
        Tracked tracked = sessionId == null ? null : sessions.get(sessionId);
        if (tracked == null || tracked.expiresAt().isAfter(clock.instant())) {
            return false;
        }
        close(sessionId, EXPIRED);
        return true;
    }

    public void closeAllOf(UUID userId, String reason) {
        sessions.forEach((sessionId, tracked) -> {
            if (tracked.userId().equals(userId)) {
                close(sessionId, reason);
            }
        });
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        sessions.remove(event.getSessionId());
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    private void closeExpired() {
        try {
            sessions.keySet().forEach(this::closeIfExpired);
        } catch (RuntimeException e) {
            log.warn("Could not close expired STOMP sessions", e);
        }
    }

    /**
     * Sends an ERROR frame through the outbound channel, after which Spring's STOMP handler closes
     * the WebSocket. Also how a refused CONNECT is answered: an exception thrown on the inbound
     * thread gets an ERROR frame but leaves the connection open.
     */
    public void close(String sessionId, String reason) {
        sessions.remove(sessionId);
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(reason);
        error.setSessionId(sessionId);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
    }

    private record Tracked(UUID userId, Instant expiresAt) {
    }
}
