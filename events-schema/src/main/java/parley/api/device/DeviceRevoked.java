package parley.api.device;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A device no longer receives messages; its id is never registered again. Revision 1. */
@Revision("1")
public record DeviceRevoked(UUID userId, String deviceId, Instant revokedAt) {
}
