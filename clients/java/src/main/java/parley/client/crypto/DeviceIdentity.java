package parley.client.crypto;

import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A device's long-term identity: an X25519 key pair that recipients' wrapped keys are agreed with, and
 * an Ed25519 key pair that signs the envelopes it sends. Public keys leave as raw 32 bytes (WebCrypto's
 * {@code exportKey("raw")}); private keys leave this object only to be stored locally by the owner.
 */
public final class DeviceIdentity {

    static final int KEY_LENGTH = 32;

    private final X25519PrivateKeyParameters agreementKey;
    private final Ed25519PrivateKeyParameters signingKey;

    private DeviceIdentity(X25519PrivateKeyParameters agreementKey, Ed25519PrivateKeyParameters signingKey) {
        this.agreementKey = agreementKey;
        this.signingKey = signingKey;
    }

    public static DeviceIdentity generate() {
        return generate(Randomness.system());
    }

    public static DeviceIdentity generate(Randomness randomness) {
        return fromPrivateKeys(randomness.bytes(KEY_LENGTH), randomness.bytes(KEY_LENGTH));
    }

    /**
     * @param agreementPrivateKey the raw X25519 private key (RFC 7748 scalar, clamped when used)
     * @param signingPrivateKey   the raw Ed25519 private key (RFC 8032 seed)
     */
    public static DeviceIdentity fromPrivateKeys(byte[] agreementPrivateKey, byte[] signingPrivateKey) {
        return new DeviceIdentity(new X25519PrivateKeyParameters(agreementPrivateKey),
                new Ed25519PrivateKeyParameters(signingPrivateKey));
    }

    public byte[] agreementPublicKey() {
        return agreementKey.generatePublicKey().getEncoded();
    }

    public byte[] signingPublicKey() {
        return signingKey.generatePublicKey().getEncoded();
    }

    public String agreementPublicKeyBase64Url() {
        return Base64Url.encode(agreementPublicKey());
    }

    public String signingPublicKeyBase64Url() {
        return Base64Url.encode(signingPublicKey());
    }

    /**
     * The raw X25519 private key (32 bytes). Only for persisting this device's own identity in a local key
     * store ({@code parley.client.keys}); it must never be sent anywhere.
     */
    public byte[] exportAgreementPrivateKey() {
        return agreementKey.getEncoded();
    }

    /** The raw Ed25519 private key (the 32-byte seed); as {@link #exportAgreementPrivateKey()}, for the local key store only. */
    public byte[] exportSigningPrivateKey() {
        return signingKey.getEncoded();
    }

    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signingKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** X25519 with a peer's raw public key; refuses an all-zero result (a small-order peer key). */
    byte[] agree(byte[] peerPublicKey) {
        return agree(agreementKey, peerPublicKey);
    }

    static byte[] agree(X25519PrivateKeyParameters privateKey, byte[] peerPublicKey) {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(privateKey);
        byte[] shared = new byte[agreement.getAgreementSize()];
        agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey), shared, 0);
        return shared;
    }

    static boolean verify(byte[] signingPublicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(signingPublicKey));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
