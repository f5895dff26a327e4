package parley.query.read;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import parley.query.QueryProperties;

/**
 * The query side's own connection pool for reads. Deliberately not a {@code DataSource} bean: one
 * would switch off Spring Boot's primary DataSource, which the other services need when they run
 * in the same process. Today it points at the primary; replicas come later.
 */
public final class ReadDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;

    ReadDatabase(QueryProperties.ReadDatasource settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-read");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setReadOnly(true);
        this.dataSource = new HikariDataSource(config);
        this.jdbc = JdbcClient.create(dataSource);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
