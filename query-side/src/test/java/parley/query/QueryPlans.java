package parley.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import parley.local.TestDatabase;
import parley.projections.generation.ReadModelMigrations;

/**
 * Asserts that a query can be answered through indexes: with sequential scans priced out of the
 * planner ({@code enable_seqscan = off}), a plan that still scans a whole table, or walks a whole
 * index without an index condition, means no index serves the query.
 */
public final class QueryPlans implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;

    private QueryPlans(TestDatabase database) {
        ReadModelMigrations.flyway(new org.springframework.jdbc.datasource.DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password())).migrate();
        dataSource = new SingleConnectionDataSource(database.jdbcUrl(), database.username(), database.password(), true);
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("SET enable_seqscan = off").update();
    }

    public static QueryPlans onFreshDatabase() {
        return new QueryPlans(TestDatabase.create("plans"));
    }

    /** The plan as text, after checking every scan in it. */
    public String assertIndexed(String sql, Map<String, ?> params) {
        String plan = String.join("\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
        JsonNode json = readJson(jdbc.sql("EXPLAIN (FORMAT JSON) " + sql).params(params).query(String.class).single());
        assertScansUseIndexes(json.get(0).get("Plan"), sql, plan);
        return plan;
    }

    /** An index scan must seek on the index's leading column; otherwise it reads the whole index. */
    private void assertScansUseIndexes(JsonNode node, String sql, String plan) {
        String type = node.get("Node Type").asText();
        assertThat(type).as("plan of%n%s%n%s", sql, plan).isNotEqualTo("Seq Scan");
        if (type.contains("Index Scan") || type.equals("Index Only Scan")) {
            String leadingColumn = leadingColumn(node.get("Index Name").asText());
            assertThat(node.path("Index Cond").asText())
                    .as("%s on %s must seek on %s in%n%s", type, node.get("Index Name").asText(), leadingColumn, plan)
                    .containsPattern("\\b" + leadingColumn + "\\b");
        }
        node.path("Plans").forEach(child -> assertScansUseIndexes(child, sql, plan));
    }

    private String leadingColumn(String indexName) {
        return jdbc.sql("""
                SELECT a.attname FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE c.relname = :name""")
                .param("name", indexName).query(String.class).single();
    }

    private static JsonNode readJson(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
