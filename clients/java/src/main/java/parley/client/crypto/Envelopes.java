package parley.client.crypto;

import static parley.client.crypto.EnvelopeRejectedException.Reason.BAD_SIGNATURE;
import static parley.client.crypto.EnvelopeRejectedException.Reason.NOT_A_RECIPIENT;
import static parley.client.crypto.EnvelopeRejectedException.Reason.SENDER_MISMATCH;
import static parley.client.crypto.EnvelopeRejectedException.Reason.UNDECRYPTABLE;

import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;

/** Seals a message into an {@link EnvelopeV1} and opens one; the format is specified in docs/e2ee.md. */
public final class Envelopes {

    private Envelopes() {
    }

    public static EnvelopeV1 seal(byte[] plaintext, MessageContext context, DeviceIdentity sender,
                                  List<RecipientDevice> recipients) {
        return seal(plaintext, context, sender, recipients, Randomness.system());
    }

    /**
     * Draws from {@code randomness}, in this order: the content key (32 bytes), the content nonce (12),
     * then one ephemeral X25519 private key (32) per recipient in (userId, deviceId) order.
     *
     * @param recipients every device that may read the message: all members' devices, including the
     *                   sender's own other devices; each (userId, deviceId) once
     */
    public static EnvelopeV1 seal(byte[] plaintext, MessageContext context, DeviceIdentity sender,
                                  List<RecipientDevice> recipients, Randomness randomness) {
        List<RecipientDevice> ordered = inSignedOrder(recipients);
        byte[] contentKey = randomness.bytes(Aes256Gcm.KEY_LENGTH);
        byte[] nonce = randomness.bytes(Aes256Gcm.NONCE_LENGTH);
        byte[] ciphertext = Aes256Gcm.encrypt(contentKey, nonce, plaintext, BoundBytes.contentAssociatedData(context));
        List<SealedRecipient> sealed = ordered.stream()
                .map(recipient -> wrapFor(recipient, contentKey, randomness))
                .toList();
        byte[] signature = sender.sign(BoundBytes.signed(context, nonce, ciphertext, sealed));
        return new EnvelopeV1(EnvelopeV1.VERSION, EnvelopeV1.ALG, context.senderDeviceId(), Base64Url.encode(nonce),
                Base64Url.encode(ciphertext), sealed.stream().map(SealedRecipient::toJson).toList(),
                Base64Url.encode(signature));
    }

    /**
     * Checks the structure, then the sender's signature, and only then decrypts: nothing of an envelope
     * that does not verify is ever decrypted.
     *
     * @param context          from the server's message event (chat, sender user, client message id) and
     *                         the envelope's senderDeviceId
     * @param senderSigningKey the raw Ed25519 public key the key directory lists for the sender's device
     */
    public static byte[] open(EnvelopeV1 envelope, MessageContext context, LocalDevice me, byte[] senderSigningKey)
            throws EnvelopeRejectedException {
        ParsedEnvelope parsed = ParsedEnvelope.of(envelope);
        if (!envelope.senderDeviceId().equals(context.senderDeviceId())) {
            throw new EnvelopeRejectedException(SENDER_MISMATCH, "envelope from device " + envelope.senderDeviceId());
        }
        verifySignature(parsed, context, senderSigningKey);
        SealedRecipient mine = parsed.entryFor(me.key())
                .orElseThrow(() -> new EnvelopeRejectedException(NOT_A_RECIPIENT, "no entry for " + me.key()));
        try {
            byte[] contentKey = KeyWrap.unwrap(me, mine.ephemeralKey(), mine.wrappedKey());
            return Aes256Gcm.decrypt(contentKey, parsed.nonce(), parsed.ciphertext(),
                    BoundBytes.contentAssociatedData(context));
        } catch (GeneralSecurityException e) {
            throw new EnvelopeRejectedException(UNDECRYPTABLE, "signed by the sender but does not decrypt", e);
        }
    }

    private static void verifySignature(ParsedEnvelope parsed, MessageContext context, byte[] senderSigningKey)
            throws EnvelopeRejectedException {
        byte[] signed = BoundBytes.signed(context, parsed.nonce(), parsed.ciphertext(), parsed.recipients());
        boolean valid;
        try {
            valid = DeviceIdentity.verify(senderSigningKey, signed, parsed.signature());
        } catch (IllegalArgumentException unusableKey) {
            throw new EnvelopeRejectedException(BAD_SIGNATURE, "sender signing key unusable", unusableKey);
        }
        if (!valid) {
            throw new EnvelopeRejectedException(BAD_SIGNATURE, "signature does not verify");
        }
    }

    private static List<RecipientDevice> inSignedOrder(List<RecipientDevice> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient device");
        }
        if (new HashSet<>(recipients.stream().map(RecipientDevice::key).toList()).size() != recipients.size()) {
            throw new IllegalArgumentException("a recipient device is listed twice");
        }
        return recipients.stream().sorted((a, b) -> RecipientKey.ORDER.compare(a.key(), b.key())).toList();
    }

    private static SealedRecipient wrapFor(RecipientDevice recipient, byte[] contentKey, Randomness randomness) {
        try {
            KeyWrap.Wrapped wrapped = KeyWrap.wrap(contentKey, recipient, randomness.bytes(DeviceIdentity.KEY_LENGTH));
            return new SealedRecipient(recipient.key(), wrapped.ephemeralKey(), wrapped.wrappedKey());
        } catch (IllegalStateException smallOrderKey) {
            throw new IllegalArgumentException("agreement key of " + recipient.key() + " is unusable", smallOrderKey);
        }
    }
}
