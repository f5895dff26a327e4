package parley.client.session;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import parley.client.auth.AccessTokens;

/**
 * Keeps a live session alive past its access token (docs/protocol.md "WebSocket sessions"): the token is
 * refreshed shortly before it expires, and every new token is handed to the open session with
 * {@code /app/session.refresh}.
 */
final class SessionRefresh {

    private static final System.Logger LOG = System.getLogger(SessionRefresh.class.getName());
    private static final long CHECK_EVERY_SECONDS = 30;

    private SessionRefresh() {
    }

    static void keep(AccessTokens tokens, ScheduledExecutorService scheduler, LiveConnection connection) {
        tokens.onRefresh(grant -> {
            if (!scheduler.isShutdown()) {
                scheduler.execute(() -> connection.fireAndForget("/app/session.refresh",
                        Map.of("clientCommandId", "refresh-" + UUID.randomUUID(), "accessToken", grant.accessToken())));
            }
        });
        scheduler.scheduleAtFixedRate(() -> refreshIfDue(tokens), CHECK_EVERY_SECONDS, CHECK_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private static void refreshIfDue(AccessTokens tokens) {
        try {
            tokens.current(); // refreshes within its margin; the listener above then extends the session
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "token refresh failed, will retry: {0}", e.toString());
        }
    }
}
