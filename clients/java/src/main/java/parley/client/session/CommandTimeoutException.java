package parley.client.session;

/**
 * No reply to a command in time (or the wait was interrupted). The command may still have been performed:
 * sending it again with the same clientMessageId / clientCommandId is safe for sends.
 */
public class CommandTimeoutException extends RuntimeException {

    public CommandTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
