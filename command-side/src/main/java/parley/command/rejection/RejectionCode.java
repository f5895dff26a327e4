package parley.command.rejection;

/** The {@code code} of a {@code CommandRejected} reply; part of the STOMP contract. */
public enum RejectionCode {
    INVALID_COMMAND,
    ENVELOPE_TOO_LARGE,
    UNKNOWN_PEER,
    SELF_CHAT,
    NOT_A_PARTICIPANT,
    NOT_A_MEMBER,
    UNKNOWN_CHAT,
    FORBIDDEN,
    GROUP_FULL,
    /** A group.create names more members than a creation may ({@code parley.group.max-initial-members}). */
    TOO_MANY_INITIAL_MEMBERS,
    LAST_OWNER,
    MESSAGE_NOT_EDITABLE,
    INVALID_TOKEN,
    /** No current device of the user has this id. */
    UNKNOWN_DEVICE,
    /** The device id was revoked and cannot be registered again. */
    DEVICE_REVOKED,
    /** The user already has the most devices allowed. */
    TOO_MANY_DEVICES,
    /** The envelope is not a well-formed envelope v1 (or is unencrypted where that is not allowed). */
    INVALID_ENVELOPE,
    /**
     * The envelope's recipients are not exactly the chat's current reader devices; the reply lists
     * them so the client can seal again.
     */
    STALE_DEVICES,
    /** Too many commands of this kind; the reply says when to retry. */
    RATE_LIMITED,
    /**
     * This node's delivery lags (its oldest acknowledged message has not reached live push within
     * {@code parley.overload.max-delivery-lag}); nothing was stored, the reply says when to retry.
     */
    OVERLOADED,
    /**
     * The event store could not be reached (a database restart, a failover, the pool exhausted): whether the command
     * was stored is not known, so the reply says when to send the same command again; sends and other commands
     * carry their client id, so a retry never doubles what did get stored.
     */
    UNAVAILABLE,
    INTERNAL_ERROR
}
