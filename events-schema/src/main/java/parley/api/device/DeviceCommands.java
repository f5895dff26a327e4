package parley.api.device;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a user's devices. They target the user's own aggregate: the user is always the
 * authenticated caller, never a field a client chooses. Keys are base64url without padding of the
 * raw 32-byte public keys (X25519 for agreement, Ed25519 for signing).
 */
public final class DeviceCommands {

    private DeviceCommands() {
    }

    /** Registers a device, rotates its keys, or (with the same keys) does nothing. */
    public record PublishDeviceKeys(@TargetAggregateIdentifier UUID userId, String deviceId, String agreementKey,
            String signingKey) {
    }

    public record RevokeDevice(@TargetAggregateIdentifier UUID userId, String deviceId) {
    }
}
