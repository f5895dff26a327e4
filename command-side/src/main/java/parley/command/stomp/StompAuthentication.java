package parley.command.stomp;

import java.security.Principal;
import java.util.List;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Authenticates a STOMP session on its CONNECT frame from the {@code Authorization: Bearer} header;
 * the principal's name is the user id. A failed CONNECT becomes an {@code ERROR} frame.
 */
@Component
class StompAuthentication implements ChannelInterceptor {

    private static final String BEARER = "Bearer ";

    private final JwtDecoder jwtDecoder;

    StompAuthentication(JwtDecoder jwtDecoder) {
        this.jwtDecoder = jwtDecoder;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        if (accessor.getCommand() == StompCommand.CONNECT) {
            accessor.setUser(authenticate(accessor.getFirstNativeHeader("Authorization")));
        } else if (requiresUser(accessor.getCommand()) && accessor.getUser() == null) {
            throw new BadCredentialsException("not authenticated");
        } else if (accessor.getCommand() == StompCommand.SUBSCRIBE && !isOwnQueue(accessor.getDestination())) {
            // Only user destinations: a raw broker queue name would let one user read another's.
            throw new AccessDeniedException("only /user/queue/... destinations can be subscribed to");
        }
        return message;
    }

    private Principal authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new BadCredentialsException("CONNECT needs an 'Authorization: Bearer <token>' header");
        }
        try {
            Jwt jwt = jwtDecoder.decode(authorization.substring(BEARER.length()).trim());
            return new JwtAuthenticationToken(jwt, List.of(), jwt.getSubject());
        } catch (JwtException e) {
            throw new BadCredentialsException("invalid access token");
        }
    }

    private static boolean isOwnQueue(String destination) {
        return destination != null && destination.startsWith("/user/queue/");
    }

    private static boolean requiresUser(StompCommand command) {
        return command == StompCommand.SEND || command == StompCommand.SUBSCRIBE;
    }
}
