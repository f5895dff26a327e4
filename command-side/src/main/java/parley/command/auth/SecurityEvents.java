package parley.command.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Security events, on their own logger ({@code parley.security}, for routing to a SIEM) and as
 * Micrometer counters (for alerts).
 */
@Component
class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("parley.security");

    private final Counter refreshTokenReuse;
    private final Counter csrfRejected;
    private final Counter refreshRetried;

    SecurityEvents(MeterRegistry meters) {
        this.refreshTokenReuse = Counter.builder("parley.security.refresh_token_reuse")
                .description("rotated refresh tokens presented again (theft suspected; the user's sessions were revoked)")
                .register(meters);
        this.csrfRejected = Counter.builder("parley.security.csrf_rejected")
                .description("cookie-borne token calls without a matching CSRF header")
                .register(meters);
        this.refreshRetried = Counter.builder("parley.security.refresh_token_retried")
                .description("rotated refresh tokens presented again within the grace period (answered with the same successor)")
                .register(meters);
    }

    void refreshTokenReused(UUID userId, UUID familyId, String clientAddress) {
        refreshTokenReuse.increment();
        log.warn("event=refresh_token_reuse user={} family={} client={} action=all_sessions_revoked", userId, familyId, clientAddress);
    }

    void refreshRetried(UUID userId, UUID familyId, String clientAddress) {
        refreshRetried.increment();
        log.info("event=refresh_token_retried user={} family={} client={} action=same_successor", userId, familyId, clientAddress);
    }

    void csrfRejected(String path, String clientAddress) {
        csrfRejected.increment();
        log.info("event=csrf_rejected path={} client={}", path, clientAddress);
    }
}
