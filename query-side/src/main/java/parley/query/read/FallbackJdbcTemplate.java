package parley.query.read;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * A JdbcTemplate whose queries go through the {@link ReadRouter}. Every query {@code JdbcClient}
 * runs ends in this one method, so routing and the retry on the primary live here and the
 * {@code *Reads} classes stay plain {@code JdbcClient} code.
 */
final class FallbackJdbcTemplate extends JdbcTemplate {

    private final ReadRouter router;

    FallbackJdbcTemplate(DataSource routingDataSource, ReadRouter router) {
        super(routingDataSource);
        this.router = router;
        // Translating by SQL state needs no connection; the default translator would fetch database
        // metadata through the routing DataSource, i.e. from the very replica that just failed.
        setExceptionTranslator(new org.springframework.jdbc.support.SQLExceptionSubclassTranslator());
    }

    @Override
    public <T> T query(PreparedStatementCreator creator, PreparedStatementSetter setter, ResultSetExtractor<T> extractor) {
        return router.read(() -> super.query(creator, setter, extractor));
    }
}
