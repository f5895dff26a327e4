package parley.analyst.export;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Parquet through DuckDB: rows go through its Appender into a table of a DuckDB database file in a
 * private working directory, then one {@code COPY ... (FORMAT parquet)} writes the file in position
 * order. The table lives on disk and DuckDB's memory is capped ({@link DuckDb}), so neither the heap
 * nor native memory grows with the export.
 */
final class ParquetRowWriter implements RowWriter {

    private final Path file;
    private final Path work;
    private final Connection duckDb;
    private DuckDBAppender appender;

    ParquetRowWriter(Path file) throws IOException, SQLException {
        this.file = file;
        this.work = DuckDb.workDirectoryBeside(file);
        Connection connection = null;
        try {
            connection = DuckDb.open(work.resolve("export.duckdb"), work);
            try (Statement statement = connection.createStatement()) {
                statement.execute(createTable());
            }
            // One transaction for all rows: in autocommit every appender flush (2,048 rows) would be a commit
            // with its write-ahead log sync, which made the export ten times slower. Full row groups of a large
            // transaction are still written to the database file as they fill, not held in memory.
            connection.setAutoCommit(false);
            appender = connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            DuckDb.deleteRecursively(work);
            throw e;
        }
        this.duckDb = connection;
    }

    static String createTable() {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE events (", ")");
        for (Column column : Column.all()) {
            columns.add(column.label() + " " + column.kind().duckDbType());
        }
        return columns.toString();
    }

    @Override
    public void write(ExportRow row) throws SQLException {
        appender.beginRow();
        for (Column column : Column.all()) {
            Object value = column.value(row);
            if (value == null) {
                appender.appendNull();
                continue;
            }
            switch (column.kind()) {
                case LONG -> appender.append((long) (Long) value);
                case INT -> appender.append((int) (Integer) value);
                case TIME -> appender.appendEpochMicros(epochMicros((Instant) value));
                case TEXT -> appender.append((String) value);
            }
        }
        appender.endRow();
    }

    private static long epochMicros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    @Override
    public void finish() throws SQLException {
        appender.close();
        appender = null;
        duckDb.commit();
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("COPY events TO " + DuckDb.literal(file) + " (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (appender != null) {
                appender.close();
            }
        } finally {
            duckDb.close();
            DuckDb.deleteRecursively(work);
        }
    }
}
