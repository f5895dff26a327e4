package parley.client.crypto;

import static parley.client.crypto.EnvelopeRejectedException.Reason.MALFORMED;
import static parley.client.crypto.EnvelopeRejectedException.Reason.UNSUPPORTED;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An envelope whose structure has been checked: versions known, fields decoded and of the right sizes. */
record ParsedEnvelope(byte[] nonce, byte[] ciphertext, List<SealedRecipient> recipients, byte[] signature) {

    static final int SIGNATURE_LENGTH = 64;

    static ParsedEnvelope of(EnvelopeV1 envelope) throws EnvelopeRejectedException {
        if (envelope.v() != EnvelopeV1.VERSION || !EnvelopeV1.ALG.equals(envelope.alg())) {
            throw new EnvelopeRejectedException(UNSUPPORTED, "v " + envelope.v() + ", alg " + envelope.alg());
        }
        requireText(envelope.senderDeviceId(), "senderDeviceId");
        return new ParsedEnvelope(
                decode(envelope.nonce(), "nonce", Aes256Gcm.NONCE_LENGTH, Aes256Gcm.NONCE_LENGTH),
                decode(envelope.ciphertext(), "ciphertext", Aes256Gcm.TAG_LENGTH, Integer.MAX_VALUE),
                recipients(envelope.recipients()),
                decode(envelope.signature(), "signature", SIGNATURE_LENGTH, SIGNATURE_LENGTH));
    }

    Optional<SealedRecipient> entryFor(RecipientKey device) {
        return recipients.stream().filter(recipient -> recipient.key().equals(device)).findFirst();
    }

    /** Sorted into the signed order, whatever order the JSON lists them in. */
    private static List<SealedRecipient> recipients(List<EnvelopeV1.Recipient> listed) throws EnvelopeRejectedException {
        if (listed == null || listed.isEmpty()) {
            throw new EnvelopeRejectedException(MALFORMED, "no recipients");
        }
        List<SealedRecipient> recipients = new ArrayList<>();
        Set<RecipientKey> seen = new HashSet<>();
        for (EnvelopeV1.Recipient entry : listed) {
            SealedRecipient recipient = recipient(entry);
            if (!seen.add(recipient.key())) {
                throw new EnvelopeRejectedException(MALFORMED, "recipient listed twice: " + recipient.key());
            }
            recipients.add(recipient);
        }
        recipients.sort((a, b) -> RecipientKey.ORDER.compare(a.key(), b.key()));
        return List.copyOf(recipients);
    }

    private static SealedRecipient recipient(EnvelopeV1.Recipient entry) throws EnvelopeRejectedException {
        if (entry == null) {
            throw new EnvelopeRejectedException(MALFORMED, "null recipient");
        }
        requireText(entry.userId(), "recipient userId");
        requireText(entry.deviceId(), "recipient deviceId");
        return new SealedRecipient(new RecipientKey(entry.userId(), entry.deviceId()),
                decode(entry.ephemeralKey(), "ephemeralKey", DeviceIdentity.KEY_LENGTH, DeviceIdentity.KEY_LENGTH),
                decode(entry.wrappedKey(), "wrappedKey", KeyWrap.WRAPPED_KEY_LENGTH, KeyWrap.WRAPPED_KEY_LENGTH));
    }

    private static void requireText(String value, String field) throws EnvelopeRejectedException {
        if (value == null || value.isEmpty()) {
            throw new EnvelopeRejectedException(MALFORMED, field + " missing");
        }
    }

    private static byte[] decode(String value, String field, int minLength, int maxLength)
            throws EnvelopeRejectedException {
        requireText(value, field);
        byte[] bytes;
        try {
            bytes = Base64Url.decode(value);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeRejectedException(MALFORMED, field + " is not unpadded base64url", e);
        }
        if (bytes.length < minLength || bytes.length > maxLength) {
            throw new EnvelopeRejectedException(MALFORMED, field + " has " + bytes.length + " bytes");
        }
        return bytes;
    }
}
