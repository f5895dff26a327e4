package parley.client.keys;

import parley.client.auth.AuthorizedApi;
import parley.client.crypto.LocalDevice;
import java.util.Map;

/**
 * Publishes this device's public keys: {@code PUT /api/devices/{deviceId}}. Safe to repeat (the same keys answer
 * 200); a revoked id is refused for good ({@code 409 DEVICE_REVOKED}: use a new device id).
 */
public final class DeviceRegistration {

    private DeviceRegistration() {
    }

    public static PublishedDevice publish(AuthorizedApi api, LocalDevice device) {
        return PublishedDevice.fromJson(device.userId(), api.put("/api/devices/" + device.deviceId(), Map.of(
                "agreementKey", device.identity().agreementPublicKeyBase64Url(),
                "signingKey", device.identity().signingPublicKeyBase64Url())));
    }
}
