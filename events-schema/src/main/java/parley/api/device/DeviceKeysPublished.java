package parley.api.device;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A device's public identity keys, first published or rotated. Revision 1. Never change a released
 * event: add a revision with an upcaster instead.
 */
@Revision("1")
public record DeviceKeysPublished(UUID userId, String deviceId, String agreementKey, String signingKey, Instant publishedAt) {
}
