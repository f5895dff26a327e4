package parley.client.stomp;

/**
 * A STOMP session could not be opened: the WebSocket failed, or the server answered CONNECT with an
 * ERROR frame, whose {@code message} header is {@link #serverMessage()} (e.g. {@code invalid access token}).
 */
public class StompConnectException extends RuntimeException {

    private final String serverMessage;

    public StompConnectException(String message, String serverMessage, Throwable cause) {
        super(message, cause);
        this.serverMessage = serverMessage;
    }

    /** The ERROR frame's message, or null if the server did not send one. */
    public String serverMessage() {
        return serverMessage;
    }
}
