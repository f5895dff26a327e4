package parley.bench.faults;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A part of the environment beyond what every run has (the primary, three Kafka nodes, the platform, the machine's
 * Redis), started only when a fault of the run breaks it: so that a run without those faults (the CI subset) runs on
 * exactly the environment, and at the pace, it always had.
 */
public enum EnvironmentPart {
    /** A Redis of the suite's own on a free port (the machine's 6379 is never stopped). */
    OWN_REDIS("a Redis of its own (not the machine's)"),
    /** A streaming replica of the primary that the query side reads from ({@code parley.query.replicas}). */
    READ_REPLICA("a streaming replica of the primary that the query side reads from"),
    /** PgBouncer (transaction pooling) between the platform and the primary. */
    PGBOUNCER("PgBouncer (transaction pooling) between the platform and the primary"),
    /** A loopback TCP proxy in front of the platform's database connections, that a fault slows and cuts. */
    DATABASE_LINK("a loopback proxy on the platform's database connections, that a fault slows and cuts"),
    /** The command side, the projections and the query side each in its own JVM, behind a loopback ingress. */
    SEPARATE_SERVICES("the command side, the projections and the query side each in its own JVM, behind a loopback ingress "
            + "(haproxy, routed as ops/k8s's ingress)"),
    /** libfaketime preloaded into the command side's JVM (the platform's, unless the services run apart), its wall
     * clock's offset in a file that a fault rewrites. */
    STEPPABLE_CLOCK("libfaketime preloaded into the command side's JVM, so that a fault steps its wall clock");


    /** How the report names it. */
    final String described;

    EnvironmentPart(String described) {
        this.described = described;
    }

    /** What the faults need, together. */
    static Set<EnvironmentPart> neededBy(List<Fault> faults) {
        Set<EnvironmentPart> parts = EnumSet.noneOf(EnvironmentPart.class);
        faults.forEach(fault -> parts.addAll(fault.needs()));
        return parts;
    }
}
