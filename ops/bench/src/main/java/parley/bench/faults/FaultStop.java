package parley.bench.faults;

import java.util.List;

/**
 * Where a suite stopped: a fault's run threw (its heal failed, a service it restarted exited, the clients could not
 * connect) instead of producing a row. The environment is then in a state no later row could be measured against, so
 * the faults after it are not run; the table says so instead of the suite ending without one.
 *
 * @param fault the fault whose run threw
 * @param reason the exception, on one line
 * @param notRun the faults after it
 */
public record FaultStop(String fault, String reason, List<String> notRun) {

    public FaultStop {
        notRun = List.copyOf(notRun);
    }

    static String reasonOf(Exception failure) {
        StringBuilder reason = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            reason.append("; caused by ").append(cause);
        }
        return reason.toString().replaceAll("\\s+", " ");
    }
}
