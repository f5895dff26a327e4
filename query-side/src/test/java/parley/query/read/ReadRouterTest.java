package parley.query.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Where a read statement goes, decided without a database: statements here only record their target. */
class ReadRouterTest {

    private static final Duration MAX_LAG = Duration.ofSeconds(30);
    private static final ReplicaHealth HEALTHY = new ReplicaHealth(true, true, 0.5);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> targets = new ArrayList<>();

    @Test
    void withoutReplicasEveryReadGoesToThePrimary() {
        ReadRouter router = router();

        assertThat(readOn(router)).isEqualTo("primary");
    }

    @Test
    void theNearestHealthyReplicaTakesTheRead() {
        Replica near = replica("near", HEALTHY);
        Replica far = replica("far", HEALTHY);

        assertThat(readOn(router(near, far))).isEqualTo("near");
        assertThat(meters.counter("parley.query.reads", "target", "near").count()).isEqualTo(1);
    }

    @Test
    void replicasThatAreBehindPromotedUnreachableOrNotYetProbedAreSkipped() {
        Replica lagging = replica("lagging", new ReplicaHealth(true, true, 31));
        Replica promoted = replica("promoted", new ReplicaHealth(true, false, 0));
        Replica unreachable = replica("unreachable", ReplicaHealth.unreachable());
        Replica unprobed = new Replica("unprobed", new DriverManagerDataSource(), breaker("unprobed"));
        Replica far = replica("far", HEALTHY);

        assertThat(readOn(router(lagging, promoted, unreachable, unprobed, far))).isEqualTo("far");
        assertThat(readOn(router(lagging, promoted, unreachable, unprobed))).isEqualTo("primary");
    }

    @Test
    void aReplicaWhoseBreakerIsOpenIsSkipped() {
        Replica near = replica("near", HEALTHY);
        near.breaker().transitionToOpenState();

        assertThat(readOn(router(near))).isEqualTo("primary");
    }

    @Test
    void aConnectionFailureOnTheReplicaIsRetriedOnThePrimaryAndCountsAgainstItsBreaker() {
        Replica near = replica("near", HEALTHY);
        ReadRouter router = router(near);

        String result = router.read(() -> {
            targets.add(router.currentTarget());
            if (!router.currentTarget().equals("primary")) {
                throw new CannotGetJdbcConnectionException("down", new SQLTransientConnectionException("timed out"));
            }
            return "from the primary";
        });

        assertThat(result).isEqualTo("from the primary");
        assertThat(targets).containsExactly("near", "primary");
        assertThat(near.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(meters.counter("parley.query.replica.fallbacks", "replica", "near").count()).isEqualTo(1);
        assertThat(meters.counter("parley.query.reads", "target", "primary").count()).isEqualTo(1);
    }

    @Test
    void repeatedConnectionFailuresOpenTheBreakerAndLaterReadsSkipTheReplica() {
        Replica near = replica("near", HEALTHY);
        ReadRouter router = router(near);
        for (int i = 0; i < 3; i++) {
            router.read(() -> {
                if (!router.currentTarget().equals("primary")) {
                    throw new CannotGetJdbcConnectionException("down", new SQLException("refused", "08001"));
                }
                return "ok";
            });
        }

        assertThat(near.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(readOn(router)).isEqualTo("primary");
    }

    @Test
    void aStatementThatFailsForItsOwnReasonIsNotRetriedNorHeldAgainstTheReplica() {
        Replica near = replica("near", HEALTHY);
        ReadRouter router = router(near);

        assertThatThrownBy(() -> router.read(() -> {
            targets.add(router.currentTarget());
            throw new BadSqlGrammarException("read", "SELECT nope", new SQLException("no such column", "42703"));
        })).isInstanceOf(BadSqlGrammarException.class);
        assertThat(targets).containsExactly("near");
        assertThat(near.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aPinnedBlockRunsOnItsTargetWhateverTheRouterWouldChoose() {
        Replica near = replica("near", HEALTHY);
        Replica far = replica("far", HEALTHY);
        ReadRouter router = router(near, far);

        assertThat(router.pinnedTo(Optional.empty(), () -> readOn(router))).isEqualTo("primary");
        assertThat(router.pinnedTo(Optional.of(far), () -> readOn(router))).isEqualTo("far");
        assertThat(readOn(router)).as("the pin ends with its block").isEqualTo("near");
    }

    private String readOn(ReadRouter router) {
        return router.read(router::currentTarget);
    }

    private ReadRouter router(Replica... replicas) {
        return new ReadRouter(List.of(replicas), MAX_LAG, meters);
    }

    private static Replica replica(String name, ReplicaHealth health) {
        // Never connected to: the statements in these tests do not touch a database.
        Replica replica = new Replica(name, new DriverManagerDataSource(), breaker(name));
        replica.observed(health);
        return replica;
    }

    private static CircuitBreaker breaker(String name) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10).minimumNumberOfCalls(3).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1)).build());
    }
}
