package parley.command.stomp;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * The ERROR frame for a frame that fails on the inbound side: its message names the security reason
 * rather than Spring's "Failed to send message to ...", and nothing internal for other failures.
 * (Refusals by {@link StompAuthentication} and {@link StompFrameRules} send their ERROR themselves:
 * with ordered handling Spring only logs an interceptor's exception.)
 */
class StompErrorFrames extends StompSubProtocolErrorHandler {

    @Override
    protected Message<byte[]> handleInternal(StompHeaderAccessor errorHeaderAccessor, byte[] errorPayload, Throwable cause,
            StompHeaderAccessor clientHeaderAccessor) {
        if (cause != null) { // null: an ERROR the server sends on purpose, whose message stands
            errorHeaderAccessor.setMessage(reason(cause));
        }
        return super.handleInternal(errorHeaderAccessor, errorPayload, cause, clientHeaderAccessor);
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException || cause instanceof AccessDeniedException) {
                return cause.getMessage();
            }
        }
        return "the frame could not be processed";
    }
}
