package parley.client.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * Wraps the content key for one recipient device: a fresh ephemeral X25519 key, ECDH with the device's
 * identity key, HKDF-SHA256 to a single-use AES-256-GCM key and nonce, AES-256-GCM of the content key.
 */
final class KeyWrap {

    static final String INFO_LABEL = "parley/e2ee/v1/wrap";
    static final int WRAPPED_KEY_LENGTH = Aes256Gcm.KEY_LENGTH + Aes256Gcm.TAG_LENGTH;
    // no salt (RFC 5869: HashLen zero bytes); the context that must differ per recipient is in the info
    private static final byte[] SALT = new byte[0];
    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    record Wrapped(byte[] ephemeralKey, byte[] wrappedKey) {
    }

    private KeyWrap() {
    }

    static Wrapped wrap(byte[] contentKey, RecipientDevice recipient, byte[] ephemeralPrivateKey) {
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(ephemeralPrivateKey);
        byte[] ephemeralKey = ephemeral.generatePublicKey().getEncoded();
        byte[] shared = DeviceIdentity.agree(ephemeral, recipient.agreementKey());
        byte[] keyAndNonce = derive(shared, recipient.key(), ephemeralKey, recipient.agreementKey());
        return new Wrapped(ephemeralKey, Aes256Gcm.encrypt(key(keyAndNonce), nonce(keyAndNonce), contentKey,
                NO_ASSOCIATED_DATA));
    }

    /** @throws GeneralSecurityException when the wrapped key does not decrypt for this device */
    static byte[] unwrap(LocalDevice me, byte[] ephemeralKey, byte[] wrappedKey) throws GeneralSecurityException {
        byte[] shared;
        try {
            shared = me.identity().agree(ephemeralKey);
        } catch (IllegalStateException smallOrderPoint) {
            throw new GeneralSecurityException("X25519 agreement gave zero", smallOrderPoint);
        }
        byte[] keyAndNonce = derive(shared, me.key(), ephemeralKey, me.identity().agreementPublicKey());
        return Aes256Gcm.decrypt(key(keyAndNonce), nonce(keyAndNonce), wrappedKey, NO_ASSOCIATED_DATA);
    }

    /** info binds the recipient and both public keys, so a wrapped key cannot be moved to another entry. */
    static byte[] info(RecipientKey recipient, byte[] ephemeralKey, byte[] recipientAgreementKey) {
        return CanonicalBytes.labelled(INFO_LABEL)
                .text(recipient.userId())
                .text(recipient.deviceId())
                .bytes(ephemeralKey)
                .bytes(recipientAgreementKey)
                .toByteArray();
    }

    static byte[] derive(byte[] shared, RecipientKey recipient, byte[] ephemeralKey,
                                 byte[] recipientAgreementKey) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, SALT, info(recipient, ephemeralKey, recipientAgreementKey)));
        byte[] keyAndNonce = new byte[Aes256Gcm.KEY_LENGTH + Aes256Gcm.NONCE_LENGTH];
        hkdf.generateBytes(keyAndNonce, 0, keyAndNonce.length);
        return keyAndNonce;
    }

    private static byte[] key(byte[] keyAndNonce) {
        return Arrays.copyOfRange(keyAndNonce, 0, Aes256Gcm.KEY_LENGTH);
    }

    private static byte[] nonce(byte[] keyAndNonce) {
        return Arrays.copyOfRange(keyAndNonce, Aes256Gcm.KEY_LENGTH, keyAndNonce.length);
    }
}
