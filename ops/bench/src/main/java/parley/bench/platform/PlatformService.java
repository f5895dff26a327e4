package parley.bench.platform;

/**
 * One of the platform's three services, each a Spring Boot application of its own inside the launcher's jar: what
 * Kubernetes runs as three Deployments ({@code ops/k8s/base/apps}), and what {@code ./parley up} runs in one JVM.
 */
public enum PlatformService {
    /** STOMP, the aggregates and their event store, the Kafka publisher, live push, identity. */
    COMMAND_SIDE("command side", "parley.command.CommandSideApplication"),
    /** The consumer group that builds the read tables; HTTP only for its probes and metrics. */
    PROJECTIONS("projections", "parley.projections.ProjectionsApplication"),
    /** The REST read API on the read tables (and the replicas). */
    QUERY_SIDE("query side", "parley.query.QuerySideApplication");

    /** How reports name it. */
    public final String described;
    final String mainClass;

    PlatformService(String described, String mainClass) {
        this.described = described;
        this.mainClass = mainClass;
    }

    /** Its logs' and processes' name, e.g. {@code query-side}. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }
}
