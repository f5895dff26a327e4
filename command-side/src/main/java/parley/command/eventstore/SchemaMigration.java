package parley.command.eventstore;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side owns its tables through its own Flyway history, so that it can share a
 * database with the projections (in the single-process run) without the two schemas' versions
 * colliding.
 * <p>
 * Migrating is the node's first use of the database: a database that is restarting (PgBouncer answers "server login
 * has been failing" for a while after) is waited for, about 80 s, instead of the node exiting (a SIGKILLed node,
 * restarted beside a PostgreSQL restart, did in the fault suite).
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigration {

    @Bean(initMethod = "migrate")
    Flyway commandSideFlyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .table("flyway_history_command")
                .locations("classpath:db/command")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .connectRetries(12)
                .connectRetriesInterval(10)
                .load();
    }
}
