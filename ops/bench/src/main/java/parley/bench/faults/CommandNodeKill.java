package parley.bench.faults;

import java.time.Duration;

/**
 * SIGKILL of the platform's node (the command side and everything beside it in the launcher's JVM), then the same
 * jar started again on the same port, database, Kafka and data directory, as a supervisor would (issue 14's crash,
 * now with SDK clients that reconnect and resend on their own).
 */
public final class CommandNodeKill implements Fault {

    @Override
    public String name() {
        return "SIGKILL of the command node";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        environment.killPlatform();
    }

    @Override
    public void heal(FaultEnvironment environment) {
        environment.startPlatform();
    }

    @Override
    public Duration outage() {
        return Duration.ZERO; // restarted at once; the outage is the restart itself
    }
}
