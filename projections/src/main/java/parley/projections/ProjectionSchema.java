package parley.projections;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import parley.projections.generation.ReadModelMigrations;

/** The read tables' own Flyway history, so they can share a database with the command side. */
@Configuration(proxyBeanMethods = false)
class ProjectionSchema {

    @Bean(initMethod = "migrate")
    Flyway projectionsFlyway(DataSource dataSource) {
        return ReadModelMigrations.flyway(dataSource);
    }
}
