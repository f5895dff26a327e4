package parley.client.stomp;

/** Bytes that are not a STOMP 1.2 frame; the connection that carried them cannot be trusted further. */
public class StompProtocolException extends RuntimeException {

    public StompProtocolException(String message) {
        super(message);
    }
}
