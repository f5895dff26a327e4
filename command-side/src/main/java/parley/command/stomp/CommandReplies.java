package parley.command.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import parley.command.e2ee.StaleDevicesException;
import parley.command.overload.OverloadGuard;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.ids.ClientIds;
import parley.edge.ratelimit.Decision;
import parley.edge.ratelimit.LimitClass;
import parley.edge.ratelimit.RateLimiter;

/**
 * Runs a STOMP command: reads its JSON body, performs it, and turns any failure into the
 * {@code CommandRejected} reply the client correlates by its id, so a bad frame never breaks the
 * session. Every command counts against one of the sender's rate limits: {@code send} for those
 * that store something, {@code commands} for the rest. Sends are also refused, after the rate
 * limit, while this node's delivery lags ({@link OverloadGuard}).
 */
@Component
class CommandReplies {

    private static final Logger log = LoggerFactory.getLogger(CommandReplies.class);

    /**
     * Commands that add content: messages, edits, redactions and new groups. Receipts and typing go to
     * the generous {@code commands} class (clients send them as others' messages arrive and as keys
     * are pressed), and so does group management (an admin adding members one by one is not a flood).
     */
    private static final Set<String> SENDS = Set.of("/app/private.send", "/app/group.send", "/app/chat.edit",
            "/app/chat.redact", "/app/group.create");

    private final CommandPayloads payloads;
    private final RateLimiter rateLimiter;
    private final OverloadGuard overload;

    CommandReplies(CommandPayloads payloads, RateLimiter rateLimiter, OverloadGuard overload) {
        this.payloads = payloads;
        this.rateLimiter = rateLimiter;
        this.overload = overload;
    }

    Object execute(Message<?> message, Function<JsonNode, Object> command) {
        JsonNode body = null;
        try {
            body = payloads.read(message);
            JsonNode read = body;
            Optional<RetryLater> later = overLimit(message, read).or(() -> overloaded(message, read));
            if (later.isPresent()) {
                return later.get();
            }
            return command.apply(body);
        } catch (RuntimeException e) {
            return rejection(body, e);
        }
    }

    /** Sends count against the {@code send} class, everything else against the more generous {@code commands}. */
    private Optional<RetryLater> overLimit(Message<?> message, JsonNode body) {
        Principal sender = SimpMessageHeaderAccessor.getUser(message.getHeaders());
        if (sender == null) {
            return Optional.empty();
        }
        Decision decision = rateLimiter.acquire(isSend(message) ? LimitClass.SEND : LimitClass.COMMANDS, sender.getName());
        return decision.allowed() ? Optional.empty() : Optional.of(RetryLater.rateLimited(clientIdOf(body), decision));
    }

    /** Only sends are refused when delivery lags: receipts and the rest are what lets clients catch up. */
    private Optional<RetryLater> overloaded(Message<?> message, JsonNode body) {
        if (!isSend(message)) {
            return Optional.empty();
        }
        OptionalLong retryAfterMs = overload.retryAfterMs();
        return retryAfterMs.isPresent() ? Optional.of(RetryLater.overloaded(clientIdOf(body), retryAfterMs.getAsLong()))
                : Optional.empty();
    }

    private static boolean isSend(Message<?> message) {
        return SENDS.contains(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
    }

    Object rejection(JsonNode body, RuntimeException failure) {
        String clientId = clientIdOf(body);
        CommandRejectedException rejected = findRejection(failure);
        if (rejected instanceof StaleDevicesException stale) {
            return Replies.StaleDevices.of(clientId, stale);
        }
        if (rejected != null) {
            return Replies.Rejected.of(clientId, rejected.code(), rejected.getMessage());
        }
        log.error("Command failed unexpectedly", failure);
        return Replies.Rejected.of(clientId, RejectionCode.INTERNAL_ERROR, "the command could not be processed; retry it");
    }

    /** The id the reply is correlated by; one not in the id form (a NUL, 10,000 characters) is not echoed back. */
    private static String clientIdOf(JsonNode body) {
        String id = body == null ? null : firstText(body, "clientMessageId", "clientCommandId");
        return ClientIds.isValid(id) ? id : null;
    }

    private static CommandRejectedException findRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandRejectedException rejected) {
                return rejected;
            }
        }
        return null;
    }

    private static String firstText(JsonNode body, String... fields) {
        for (String field : fields) {
            String value = CommandPayloads.optionalText(body, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * A {@code CommandRejected} reply that nothing was done and when the same command may be retried:
     * {@code RATE_LIMITED} or {@code OVERLOADED}.
     */
    record RetryLater(String type, String clientMessageId, RejectionCode code, String detail, long retryAfterMs) {
        static RetryLater rateLimited(String clientMessageId, Decision decision) {
            return new RetryLater("CommandRejected", clientMessageId, RejectionCode.RATE_LIMITED,
                    "too many commands; retry in " + decision.retryAfterMillis() + " ms", decision.retryAfterMillis());
        }

        static RetryLater overloaded(String clientMessageId, long retryAfterMs) {
            return new RetryLater("CommandRejected", clientMessageId, RejectionCode.OVERLOADED,
                    "this node is behind on delivery; retry in " + retryAfterMs + " ms", retryAfterMs);
        }
    }
}
