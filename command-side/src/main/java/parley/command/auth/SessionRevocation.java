package parley.command.auth;

import jakarta.annotation.PostConstruct;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.command.presence.EphemeralBus;
import parley.command.stomp.StompSessions;
import parley.edge.token.SessionCutoffs;

/**
 * Ends every session of a user: refresh-token families are revoked, access tokens issued so far are
 * rejected by both sides (a per-user cutoff in the database), and the user's STOMP sessions on every
 * node are closed (a signal on the Redis bus; this node acts at once, in case Redis is down).
 */
@Component
class SessionRevocation {

    private static final String SIGNAL = "sessions-revoked";
    private static final String REASON = "session revoked";

    private final JdbcClient jdbc;
    private final RefreshTokens refreshTokens;
    private final SessionCutoffs cutoffs;
    private final StompSessions stompSessions;
    private final EphemeralBus bus;
    private final Clock clock;

    SessionRevocation(JdbcClient jdbc, RefreshTokens refreshTokens, SessionCutoffs cutoffs, StompSessions stompSessions,
            EphemeralBus bus, Clock clock) {
        this.jdbc = jdbc;
        this.refreshTokens = refreshTokens;
        this.cutoffs = cutoffs;
        this.stompSessions = stompSessions;
        this.bus = bus;
        this.clock = clock;
    }

    @PostConstruct
    void listen() {
        bus.onSignal(SIGNAL, user -> endLocally(UUID.fromString(user)));
    }

    void revokeAll(UUID userId) {
        refreshTokens.revokeAllOf(userId);
        // iat has whole seconds: a token issued in this second could predate the revocation, so the
        // cutoff is the next second (a login within the same second has to be repeated).
        Instant cutoff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        jdbc.sql("""
                INSERT INTO user_session_cutoffs (user_id, not_before) VALUES (:user, :cutoff)
                ON CONFLICT (user_id) DO UPDATE SET not_before = GREATEST(user_session_cutoffs.not_before, EXCLUDED.not_before)""")
                .param("user", userId).param("cutoff", Timestamp.from(cutoff)).update();
        endLocally(userId);
        bus.publishSignal(SIGNAL, userId.toString());
    }

    private void endLocally(UUID userId) {
        cutoffs.evict(userId);
        stompSessions.closeAllOf(userId, REASON);
    }
}
