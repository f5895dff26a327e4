package parley.query.read;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.edge.storage.DatabaseFailures;

/**
 * Decides where each read statement runs: the first replica (nearest first) that is healthy and
 * whose breaker lets it through, otherwise the primary. A statement that fails on a replica because
 * the replica cannot be reached runs again on the primary, and the failure counts against that
 * replica's breaker. A caller may pin a block of statements to one target (read-your-writes).
 *
 * <p>Reads are counted as {@code parley.query.reads{target=<replica name>|primary}}; retries on the
 * primary as {@code parley.query.replica.fallbacks{replica}}.
 */
final class ReadRouter {

    static final String PRIMARY = "primary";
    private static final Logger log = LoggerFactory.getLogger(ReadRouter.class);

    private final List<Replica> replicas;
    private final Duration maxLag;
    private final MeterRegistry meters;
    /** The pool the statement on this thread runs on; {@code null} means the primary. */
    private final ThreadLocal<String> target = new ThreadLocal<>();
    /** A pinned target for a block of statements: empty pins the primary. */
    private final ThreadLocal<Optional<Replica>> pinned = new ThreadLocal<>();

    ReadRouter(List<Replica> replicas, Duration maxLag, MeterRegistry meters) {
        this.replicas = List.copyOf(replicas);
        this.maxLag = maxLag;
        this.meters = meters;
    }

    /** The lookup key of the routing DataSource for the statement running on this thread. */
    String currentTarget() {
        String current = target.get();
        return current == null ? PRIMARY : current;
    }

    List<Replica> replicas() {
        return replicas;
    }

    /** The replica the next read would go to (taking a breaker permission), or empty for the primary. */
    Optional<Replica> choose() {
        return replicas.stream().filter(replica -> replica.takesRead(maxLag)).findFirst();
    }

    <T> T read(Supplier<T> statement) {
        Optional<Replica> pin = pinned.get();
        Optional<Replica> replica = pin != null ? pin : choose();
        if (replica.isEmpty()) {
            return onPrimary(statement);
        }
        return onReplica(replica.get(), statement);
    }

    /** Runs {@code block} with every read statement in it sent to {@code replica} (empty: the primary). */
    <T> T pinnedTo(Optional<Replica> replica, Supplier<T> block) {
        Optional<Replica> previous = pinned.get();
        pinned.set(replica);
        try {
            return block.get();
        } finally {
            restore(pinned, previous);
        }
    }

    private <T> T onReplica(Replica replica, Supplier<T> statement) {
        T result;
        try {
            result = runOn(replica.name(), statement);
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unreachable(e)) {
                replica.succeeded(); // the replica answered; the statement itself failed
                throw e;
            }
            replica.failed(e);
            meters.counter("parley.query.replica.fallbacks", "replica", replica.name()).increment();
            log.debug("read on replica {} failed to connect, retrying on the primary", replica.name(), e);
            return onPrimary(statement);
        }
        replica.succeeded();
        return result;
    }

    private <T> T onPrimary(Supplier<T> statement) {
        return runOn(null, statement);
    }

    private <T> T runOn(String name, Supplier<T> statement) {
        String previous = target.get();
        target.set(name);
        try {
            T result = statement.get();
            reads(name == null ? PRIMARY : name).increment();
            return result;
        } finally {
            restore(target, previous);
        }
    }

    private Counter reads(String targetName) {
        return meters.counter("parley.query.reads", "target", targetName);
    }

    private static <V> void restore(ThreadLocal<V> local, V previous) {
        if (previous == null) {
            local.remove();
        } else {
            local.set(previous);
        }
    }
}
