package parley.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import parley.api.device.DeviceCommands.PublishDeviceKeys;
import parley.api.device.DeviceCommands.RevokeDevice;
import parley.api.device.DeviceKeysPublished;
import parley.api.device.DeviceRevoked;
import parley.api.user.RegisterUser;
import parley.api.user.UserRegistered;
import parley.command.device.DeviceLimits;
import parley.command.device.DeviceRules;
import parley.command.device.PublishedDevice;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * A user's public identity and their devices' public keys. Credentials are not here: they stay out
 * of the event stream. Devices live here because the user is the one who decides about them, and
 * their events are keyed by the user.
 */
@Aggregate
public class UserAccount {

    @AggregateIdentifier
    private UUID userId;
    private final Map<String, DeviceKeys> devices = new HashMap<>();
    private final Set<String> revokedDevices = new HashSet<>();

    protected UserAccount() {
        // required by Axon
    }

    @CommandHandler
    public UserAccount(RegisterUser command, Clock clock) {
        apply(new UserRegistered(command.userId(), command.username(), command.displayName(), clock.instant()));
    }

    /** Registers or rotates; the same keys again are an idempotent retry and change nothing. */
    @CommandHandler
    public PublishedDevice handle(PublishDeviceKeys command, DeviceLimits limits, Clock clock) {
        String deviceId = DeviceRules.validDeviceId(command.deviceId());
        String agreementKey = DeviceRules.validKey("agreementKey", command.agreementKey());
        String signingKey = DeviceRules.validKey("signingKey", command.signingKey());
        if (revokedDevices.contains(deviceId)) {
            throw new CommandRejectedException(RejectionCode.DEVICE_REVOKED, "device " + deviceId + " was revoked; use a new device id");
        }
        DeviceKeys current = devices.get(deviceId);
        if (current == null && devices.size() >= limits.maxPerUser()) {
            throw new CommandRejectedException(RejectionCode.TOO_MANY_DEVICES,
                    "a user has at most " + limits.maxPerUser() + " devices; revoke one first");
        }
        if (current == null || !current.same(agreementKey, signingKey)) {
            apply(new DeviceKeysPublished(userId, deviceId, agreementKey, signingKey, keyChangeTime(clock)));
        }
        DeviceKeys published = devices.get(deviceId);
        return new PublishedDevice(deviceId, published.agreementKey(), published.signingKey(), published.createdAt(), current == null);
    }

    @CommandHandler
    public void handle(RevokeDevice command, Clock clock) {
        if (!devices.containsKey(command.deviceId())) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_DEVICE, "no current device " + command.deviceId());
        }
        apply(new DeviceRevoked(userId, command.deviceId(), keyChangeTime(clock)));
    }

    /** In microseconds, as the read tables store it, so a device's createdAt reads the same everywhere. */
    private static Instant keyChangeTime(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(DeviceKeysPublished event) {
        DeviceKeys previous = devices.get(event.deviceId());
        Instant createdAt = previous == null ? event.publishedAt() : previous.createdAt();
        devices.put(event.deviceId(), new DeviceKeys(event.agreementKey(), event.signingKey(), createdAt));
    }

    @EventSourcingHandler
    void on(DeviceRevoked event) {
        devices.remove(event.deviceId());
        revokedDevices.add(event.deviceId());
    }

    /** A device's current keys and when it was first registered. */
    private record DeviceKeys(String agreementKey, String signingKey, Instant createdAt) {

        boolean same(String agreement, String signing) {
            return agreementKey.equals(agreement) && signingKey.equals(signing);
        }
    }
}
