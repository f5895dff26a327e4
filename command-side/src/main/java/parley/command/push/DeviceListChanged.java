package parley.command.push;

import java.util.UUID;

/**
 * The {@code DeviceListChanged} event on {@code /user/queue/events}: a user's devices changed, so
 * whoever encrypts for them reads {@code GET /api/users/{userId}/devices} again. It names the device
 * and the change, so the user's own other sessions can say "a new device was added to your
 * account" (a device enrolled with a stolen login shows up there).
 *
 * @param change {@code KEYS_PUBLISHED} (a device enrolled or its keys rotated) or {@code REVOKED}
 */
record DeviceListChanged(String type, UUID userId, String deviceId, String change) {

    static DeviceListChanged published(UUID userId, String deviceId) {
        return new DeviceListChanged("DeviceListChanged", userId, deviceId, "KEYS_PUBLISHED");
    }

    static DeviceListChanged revoked(UUID userId, String deviceId) {
        return new DeviceListChanged("DeviceListChanged", userId, deviceId, "REVOKED");
    }
}
