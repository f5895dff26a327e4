package parley.projections;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read tables' own Flyway history, so they can share a database with the command side. */
@Configuration(proxyBeanMethods = false)
class ProjectionSchema {

    @Bean(initMethod = "migrate")
    Flyway projectionsFlyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .table("flyway_history_projections")
                .locations("classpath:db/projections")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }
}
