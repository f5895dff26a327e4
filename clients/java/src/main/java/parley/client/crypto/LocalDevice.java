package parley.client.crypto;

import java.util.Objects;

/** This client's own device: whose it is, its id, and its identity keys; what an envelope is opened as. */
public record LocalDevice(String userId, String deviceId, DeviceIdentity identity) {

    public LocalDevice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(identity, "identity");
    }

    RecipientKey key() {
        return new RecipientKey(userId, deviceId);
    }
}
