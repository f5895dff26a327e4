package parley.bench.faults;

import java.time.Duration;
import java.util.Set;
import parley.bench.platform.PlatformService;

/**
 * SIGKILL of one of the platform's processes, then the same jar started again on the same port, database, Kafka and
 * data directory, as a supervisor would. The command side's is "the command node": the launcher's whole JVM, or the
 * command side's own where the services run apart. The projections' and the query side's need their own JVMs: killed,
 * the read tables stop moving or the reads are refused while sends, pushes and the other service go on.
 */
public final class ServiceKill implements Fault {

    private final PlatformService service;

    public ServiceKill(PlatformService service) {
        this.service = service;
    }

    /** The command node (issue 14's crash, with SDK clients that reconnect and resend on their own). */
    public static ServiceKill commandNode() {
        return new ServiceKill(PlatformService.COMMAND_SIDE);
    }

    @Override
    public String name() {
        return service == PlatformService.COMMAND_SIDE ? "SIGKILL of the command node" : "SIGKILL of the " + service.described;
    }

    @Override
    public void inject(FaultEnvironment environment) {
        environment.killService(service);
    }

    @Override
    public void heal(FaultEnvironment environment) {
        environment.startService(service);
    }

    @Override
    public Duration outage() {
        // the command node is restarted at once (its outage is the restart); a reader stays down a while, so that the
        // clients chat past it: pushes and sends must not wait on it
        return service == PlatformService.COMMAND_SIDE ? Duration.ZERO : Duration.ofSeconds(15);
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return service == PlatformService.COMMAND_SIDE ? Set.of() : Set.of(EnvironmentPart.SEPARATE_SERVICES);
    }
}
