package parley.command.session;

import static parley.edge.ratelimit.LimitClass.COMMANDS;

import java.security.Principal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import parley.command.auth.AccessTokens;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.session.SessionRequests.RefreshSession;
import parley.command.stomp.Commands;
import parley.command.stomp.StompMapping;
import parley.command.stomp.StompSessions;

/**
 * {@code SEND /app/session.refresh {"accessToken"}}: re-authenticates an open session with a newer
 * access token of the same user, so a long-lived session survives its first token's expiry.
 */
@Controller
class SessionRefreshController {

    private final AccessTokens accessTokens;
    private final StompSessions sessions;

    SessionRefreshController(AccessTokens accessTokens, StompSessions sessions) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
    }

    @StompMapping(value = "session.refresh", limit = COMMANDS)
    SessionRefreshed refresh(RefreshSession request, Principal principal,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        Jwt token = accessTokens.verify(request.accessToken()).orElseThrow(
                () -> new CommandRejectedException(RejectionCode.INVALID_TOKEN, "the access token is invalid or expired"));
        UUID user = Commands.userOf(principal);
        if (!user.toString().equals(token.getSubject())) {
            throw new CommandRejectedException(RejectionCode.FORBIDDEN, "the token belongs to another user");
        }
        if (!sessions.reauthenticated(sessionId, user, token.getExpiresAt())) {
            throw new CommandRejectedException(RejectionCode.INVALID_TOKEN, "the session is no longer open");
        }
        return new SessionRefreshed("SessionRefreshed", request.clientCommandId(), token.getExpiresAt());
    }

    record SessionRefreshed(String type, String clientCommandId, Instant expiresAt) {
    }
}
