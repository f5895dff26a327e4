package parley.client.events;

/** Why a message is not shown; the first six are the envelope's own rejection reasons (docs/e2ee.md "Opening"). */
public enum UndecryptableReason {
    MALFORMED,
    UNSUPPORTED,
    SENDER_MISMATCH,
    BAD_SIGNATURE,
    NOT_A_RECIPIENT,
    UNDECRYPTABLE,
    /** the sender's device is not (or no longer) in the key directory, so its signature cannot be checked */
    UNKNOWN_SENDER_DEVICE,
    /** the message lacks what the envelope is bound to (no client message id, e.g. sent before end-to-end encryption) */
    MISSING_CONTEXT,
    /** sent by this very device, which is not among its own recipients, and no longer in memory */
    SENT_BY_THIS_DEVICE
}
