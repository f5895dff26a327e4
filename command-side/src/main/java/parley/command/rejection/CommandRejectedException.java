package parley.command.rejection;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command refused by a business rule. Non-transient, so Axon never retries it; the STOMP layer
 * turns it into a {@code CommandRejected} reply carrying {@link #code()}.
 */
public class CommandRejectedException extends AxonNonTransientException {

    private final RejectionCode code;

    public CommandRejectedException(RejectionCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }
}
