package parley.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several faults at once: injected in the order given, held for the longest of their outages, healed in the reverse
 * order (what broke last comes back first: for a node killed and then its database stopped, the database comes back
 * before the node starts, as a supervisor's restarts would end up).
 */
public final class CombinedFault implements Fault {

    private final List<Fault> parts;

    public CombinedFault(Fault... parts) {
        if (parts.length < 2) {
            throw new IllegalArgumentException("a combined fault has at least two parts");
        }
        this.parts = List.of(parts);
    }

    @Override
    public String name() {
        return parts.stream().map(Fault::name).collect(Collectors.joining(" + "));
    }

    @Override
    public void inject(FaultEnvironment environment) throws Exception {
        for (Fault part : parts) {
            part.inject(environment);
        }
    }

    @Override
    public void heal(FaultEnvironment environment) throws Exception {
        List<Fault> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        for (Fault part : reversed) {
            part.heal(environment);
        }
    }

    @Override
    public Duration outage() {
        return parts.stream().map(Fault::outage).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return EnvironmentPart.neededBy(parts);
    }
}
