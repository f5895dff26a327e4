package parley.bench.faults;

import java.time.Duration;
import java.util.Set;

/**
 * One fault the suite injects while SDK clients chat: what it breaks ({@link #inject}), how long it stays broken
 * ({@link #outage()}, the fault's own definition, e.g. "the Kafka cluster stopped for 30 s"), and how it is undone
 * ({@link #heal}). Healing is what an orchestrator does on its own (a restarted process, a returned server), never a
 * person's repair: after it the platform must recover by itself.
 */
public interface Fault {

    /** The row's name in the suite's table. */
    String name();

    void inject(FaultEnvironment environment) throws Exception;

    void heal(FaultEnvironment environment) throws Exception;

    /** How long the fault is held, with the clients chatting, between {@link #inject} and {@link #heal}. */
    Duration outage();

    /** The parts of the environment this fault breaks that a run starts only for it; none by default. */
    default Set<EnvironmentPart> needs() {
        return Set.of();
    }
}
