package parley.client.crypto;

/** An envelope that must not be displayed; {@link #reason()} says why. */
public class EnvelopeRejectedException extends Exception {

    public enum Reason {
        /** a field is missing, not canonical base64url, of the wrong size, or a recipient is listed twice */
        MALFORMED,
        /** a {@code v} or {@code alg} this client does not implement */
        UNSUPPORTED,
        /** the envelope's sender device is not the one the message context names */
        SENDER_MISMATCH,
        /** the Ed25519 signature does not verify with the sender device's signing key */
        BAD_SIGNATURE,
        /** no recipient entry for this device */
        NOT_A_RECIPIENT,
        /** the wrapped key or the ciphertext does not decrypt (signed, so the sender itself produced garbage) */
        UNDECRYPTABLE
    }

    private final Reason reason;

    public EnvelopeRejectedException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public EnvelopeRejectedException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
