package parley.command.chat;

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
    LAST_OWNER,
    MESSAGE_NOT_EDITABLE,
    INVALID_TOKEN,
    /** Too many commands of this kind; the reply says when to retry. */
    RATE_LIMITED,
    INTERNAL_ERROR
}
