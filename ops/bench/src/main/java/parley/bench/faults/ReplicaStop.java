package parley.bench.faults;

import java.time.Duration;
import java.util.Set;

/**
 * The read replica stopped for 20 s ({@code pg_ctl stop -m fast}: its connections cut) while clients chat, then
 * started again. The query side must go on answering history from the primary meanwhile (a read that fails on the
 * replica runs again on the primary and counts against the replica's circuit breaker; its health check takes it out
 * of the routing) and come back to the replica by itself. Healed once the replica has replayed everything the primary
 * had written when it was started again, its circuit breaker has closed (the query side's health check probes it) and
 * the query side reads from it again ({@code parley.query.reads{target=replica}} grows: the SDK clients read history
 * as they confirm pushes).
 */
public final class ReplicaStop implements Fault {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final String READS = "parley_query_reads_total";
    private static final String FALLBACKS = "parley_query_replica_fallbacks_total";
    private static final String BREAKER_STATE = "resilience4j_circuitbreaker_state";
    private static final String BREAKER_CLOSED = "name=\"parley-read-replica-" + FaultDatabase.REPLICA + "\",state=\"closed\"";
    /** A scrape costs the platform more than a query: poll it less often than the other heals' conditions. */
    private static final Duration SCRAPE_INTERVAL = Duration.ofMillis(500);

    private double primaryReadsAtInjection;
    private double fallbacksAtInjection;

    @Override
    public String name() {
        return "read replica stopped for 20 s and started again";
    }

    @Override
    public void inject(FaultEnvironment environment) {
        primaryReadsAtInjection = counter(environment, READS, "target=\"primary\"");
        fallbacksAtInjection = counter(environment, FALLBACKS, "");
        environment.database().replica().stop();
    }

    @Override
    public void heal(FaultEnvironment environment) throws InterruptedException {
        FaultDatabase database = environment.database();
        environment.progress().line("faults: replica away: %.0f reads on the primary, %.0f of them retried there after "
                + "failing on the replica", counter(environment, READS, "target=\"primary\"") - primaryReadsAtInjection,
                counter(environment, FALLBACKS, "") - fallbacksAtInjection);
        long started = System.nanoTime();
        String position = database.primaryWalPosition();
        double replicaReads = counter(environment, READS, replicaTarget());
        database.replica().start();
        environment.awaitCondition("the replica replayed the primary's WAL up to " + position,
                () -> database.replicaReplayed(position));
        long caughtUp = System.nanoTime();
        environment.awaitCondition("the replica's breaker closed again", SCRAPE_INTERVAL,
                () -> counter(environment, BREAKER_STATE, BREAKER_CLOSED) == 1);
        long closed = System.nanoTime();
        // the first read on it comes with the clients' next history read (a confirmation every 100 pushes of a chat):
        // on a loaded machine, many seconds
        environment.awaitCondition("the query side reading from the replica again", SCRAPE_INTERVAL,
                () -> counter(environment, READS, replicaTarget()) > replicaReads);
        environment.progress().line("faults: replica started; caught up with the primary in %d ms, its breaker closed %d ms "
                + "later (the health check's probes), its first read %d ms after that", (caughtUp - started) / 1_000_000,
                (closed - caughtUp) / 1_000_000, (System.nanoTime() - closed) / 1_000_000);
    }

    @Override
    public Duration outage() {
        return OUTAGE;
    }

    @Override
    public Set<EnvironmentPart> needs() {
        return Set.of(EnvironmentPart.READ_REPLICA);
    }

    private static String replicaTarget() {
        return "target=\"" + FaultDatabase.REPLICA + "\"";
    }

    /** A counter of the platform; NaN while it does not answer (a condition on it then does not hold). */
    private static double counter(FaultEnvironment environment, String name, String labelFilter) {
        return environment.platformCounter(name, labelFilter).orElse(Double.NaN);
    }
}
