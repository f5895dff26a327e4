package parley.client.crypto;

import java.util.Objects;

/** A device a message is sealed for: its owner, its id and its raw 32-byte X25519 identity key. */
public record RecipientDevice(String userId, String deviceId, byte[] agreementKey) {

    public RecipientDevice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        if (agreementKey == null || agreementKey.length != DeviceIdentity.KEY_LENGTH) {
            throw new IllegalArgumentException("agreementKey must be a raw 32-byte X25519 public key");
        }
        agreementKey = agreementKey.clone();
    }

    /** From the key directory's base64url text. */
    public static RecipientDevice of(String userId, String deviceId, String agreementKeyBase64Url) {
        return new RecipientDevice(userId, deviceId, Base64Url.decode(agreementKeyBase64Url));
    }

    @Override
    public byte[] agreementKey() {
        return agreementKey.clone();
    }

    RecipientKey key() {
        return new RecipientKey(userId, deviceId);
    }
}
