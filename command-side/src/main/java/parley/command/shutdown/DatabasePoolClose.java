package parley.command.shutdown;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Closes the database pool last of all, when nothing of this node uses the database any more. */
@Component
class DatabasePoolClose extends StopOnly {

    private final DataSource dataSource;
    private final ShutdownClock clock;

    DatabasePoolClose(DataSource dataSource, ShutdownClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    void onStop() {
        if (dataSource instanceof HikariDataSource pool) {
            clock.step("database pool closed", pool::close);
        }
    }

    @Override
    public int getPhase() {
        return ShutdownPhases.POOLS;
    }
}
