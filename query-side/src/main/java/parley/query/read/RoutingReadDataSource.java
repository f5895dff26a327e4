package parley.query.read;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/** Hands out connections of the pool the {@link ReadRouter} picked for the statement on this thread. */
final class RoutingReadDataSource extends AbstractRoutingDataSource {

    private final ReadRouter router;

    RoutingReadDataSource(ReadRouter router, DataSource primary) {
        this.router = router;
        Map<Object, Object> targets = new HashMap<>();
        targets.put(ReadRouter.PRIMARY, primary);
        router.replicas().forEach(replica -> targets.put(replica.name(), replica.dataSource()));
        setTargetDataSources(targets);
        setDefaultTargetDataSource(primary);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return router.currentTarget();
    }
}
