package parley.client.crypto;

/** One recipient entry in binary form: who, the ephemeral X25519 public key, the wrapped content key. */
record SealedRecipient(RecipientKey key, byte[] ephemeralKey, byte[] wrappedKey) {

    EnvelopeV1.Recipient toJson() {
        return new EnvelopeV1.Recipient(key.userId(), key.deviceId(), Base64Url.encode(ephemeralKey),
                Base64Url.encode(wrappedKey));
    }
}
