package parley.command.push;

import java.util.UUID;

/**
 * The {@code DeviceListChanged} event on {@code /user/queue/events}: a user's devices changed, so
 * whoever encrypts for them reads {@code GET /api/users/{userId}/devices} again.
 */
record DeviceListChanged(String type, UUID userId) {

    static DeviceListChanged of(UUID userId) {
        return new DeviceListChanged("DeviceListChanged", userId);
    }
}
