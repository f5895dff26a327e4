package parley.client.stomp;

/** What a {@link StompConnection} reports; called on the connection's reader thread, so return quickly. */
public interface StompListener {

    /** A MESSAGE frame of one of this connection's subscriptions. */
    void onMessage(StompFrame message);

    /** An ERROR frame (the server closes the connection after it); {@code message} header says why. */
    void onError(StompFrame error);

    /** The connection is gone (closed by either side, failed, or the server fell silent); called once. */
    void onClosed(String reason);
}
