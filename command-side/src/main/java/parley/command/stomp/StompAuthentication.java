package parley.command.stomp;

import java.util.List;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import parley.command.auth.AccessTokens;
import parley.command.shutdown.AcceptingSessions;

/**
 * Authenticates a STOMP session on its CONNECT frame from the {@code Authorization: Bearer} header;
 * the principal's name is the user id. A failed CONNECT becomes an {@code ERROR} frame. Every later
 * frame first checks that the session's access token has not expired (see {@link StompSessions}).
 */
@Component
class StompAuthentication implements ChannelInterceptor {

    private static final String BEARER = "Bearer ";

    private final AccessTokens accessTokens;
    private final StompSessions sessions;
    private final AcceptingSessions accepting;

    StompAuthentication(AccessTokens accessTokens, StompSessions sessions, AcceptingSessions accepting) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.accepting = accepting;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        if (accessor.getCommand() == StompCommand.CONNECT) {
            return connect(message, accessor);
        } else if (accessor.getCommand() != StompCommand.DISCONNECT && sessions.closeIfExpired(accessor.getSessionId())) {
            return null; // the session outlived its token: closed, and this frame is dropped
        } else if (requiresUser(accessor.getCommand()) && accessor.getUser() == null) {
            // Closed explicitly: an exception here would only be logged (frames are handled in order).
            sessions.close(accessor.getSessionId(), "not authenticated");
            return null;
        }
        // What an authenticated frame may address is StompFrameRules' decision, the next interceptor.
        return message;
    }

    private Message<?> connect(Message<?> message, StompHeaderAccessor accessor) {
        if (!accepting.accepting()) {
            // A handshake that raced the readiness probe: the client reconnects elsewhere.
            sessions.close(accessor.getSessionId(), AcceptingSessions.DRAINING);
            return null;
        }
        try {
            JwtAuthenticationToken user = authenticate(accessor.getFirstNativeHeader("Authorization"));
            accessor.setUser(user);
            sessions.opened(accessor.getSessionId(), UUID.fromString(user.getName()), user.getToken().getExpiresAt());
            return message;
        } catch (BadCredentialsException e) {
            sessions.close(accessor.getSessionId(), e.getMessage());
            return null;
        }
    }

    private JwtAuthenticationToken authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new BadCredentialsException("CONNECT needs an 'Authorization: Bearer <token>' header");
        }
        Jwt jwt = accessTokens.verify(authorization.substring(BEARER.length()).trim())
                .orElseThrow(() -> new BadCredentialsException("invalid access token"));
        return new JwtAuthenticationToken(jwt, List.of(), jwt.getSubject());
    }

    private static boolean requiresUser(StompCommand command) {
        return command == StompCommand.SEND || command == StompCommand.SUBSCRIBE;
    }
}
