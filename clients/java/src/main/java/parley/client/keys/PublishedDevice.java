package parley.client.keys;

import com.fasterxml.jackson.databind.JsonNode;
import parley.client.crypto.Base64Url;
import parley.client.crypto.RecipientDevice;

/** A device as the key directory lists it: whose, its id, and its public keys as unpadded base64url. */
public record PublishedDevice(String userId, String deviceId, String agreementKey, String signingKey) {

    /** From a {@code {"deviceId","agreementKey","signingKey"}} entry ({@code userId} given when the entry lacks it). */
    public static PublishedDevice fromJson(String userId, JsonNode entry) {
        return new PublishedDevice(entry.path("userId").asText(userId), entry.get("deviceId").asText(),
                entry.get("agreementKey").asText(), entry.get("signingKey").asText());
    }

    public RecipientDevice asRecipient() {
        return RecipientDevice.of(userId, deviceId, agreementKey);
    }

    public byte[] signingKeyBytes() {
        return Base64Url.decode(signingKey);
    }
}
