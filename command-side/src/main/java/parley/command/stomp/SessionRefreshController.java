package parley.command.stomp;

import java.security.Principal;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import parley.command.auth.AccessTokens;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.session.StompSessions;

/**
 * {@code SEND /app/session.refresh {"accessToken"}}: re-authenticates an open session with a newer
 * access token of the same user, so a long-lived session survives its first token's expiry.
 */
@Controller
class SessionRefreshController {

    private final CommandReplies replies;
    private final CommandPayloads payloads;
    private final AccessTokens accessTokens;
    private final StompSessions sessions;

    SessionRefreshController(CommandReplies replies, CommandPayloads payloads, AccessTokens accessTokens, StompSessions sessions) {
        this.replies = replies;
        this.payloads = payloads;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
    }

    @MessageMapping("session.refresh")
    @SendToUser(destinations = "/queue/replies", broadcast = false)
    Object refresh(Message<?> message, Principal principal) {
        return replies.execute(message, body -> {
            StompRequests.RefreshSession request = payloads.as(body, StompRequests.RefreshSession.class);
            Jwt token = decode(request.accessToken());
            UUID user = Commands.userOf(principal);
            if (!user.toString().equals(token.getSubject())) {
                throw new CommandRejectedException(RejectionCode.FORBIDDEN, "the token belongs to another user");
            }
            String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
            if (!sessions.reauthenticated(sessionId, user, token.getExpiresAt())) {
                throw new CommandRejectedException(RejectionCode.INVALID_TOKEN, "the session is no longer open");
            }
            return new Replies.SessionRefreshed("SessionRefreshed", request.clientCommandId(), token.getExpiresAt());
        });
    }

    private Jwt decode(String accessToken) {
        return accessTokens.verify(accessToken).orElseThrow(
                () -> new CommandRejectedException(RejectionCode.INVALID_TOKEN, "the access token is invalid or expired"));
    }
}
