package parley.edge.ratelimit;

import java.util.Locale;

/** What a limit counts, and per what key. */
public enum LimitClass {
    /** Every HTTP request to the API and the WebSocket handshake, per client address. */
    IP,
    /** Login attempts, per user name and client address, counted before the password is checked. */
    LOGIN,
    /** Commands that store something (sends, edits, redactions, new groups), per user. */
    SEND,
    /** Authenticated reads of the REST API, per user. */
    READS,
    /** Every other STOMP command (receipts, typing, presence, pings, group management), per user. */
    COMMANDS;

    /** The name used in keys, properties and metrics. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
