package parley.analyst.sql;

import java.nio.file.Path;
import java.util.StringJoiner;
import parley.analyst.export.Column;
import parley.analyst.export.DuckDb;
import parley.analyst.export.ExportFormat;

/**
 * How DuckDB reads an export as the {@code events} view. CSV and JSONL are read with the export's
 * own column types (not guessed from a sample), so a query sees the same types whatever the format.
 */
final class EventsView {

    private EventsView() {
    }

    static String source(Path export, ExportFormat format) {
        String file = DuckDb.literal(export);
        return switch (format) {
            case PARQUET -> "read_parquet(" + file + ")";
            case CSV -> "read_csv(" + file + ", header = true, auto_detect = false, columns = " + columns() + ")";
            case JSONL -> "read_json(" + file + ", format = 'newline_delimited', columns = " + columns() + ")";
        };
    }

    private static String columns() {
        StringJoiner columns = new StringJoiner(", ", "{", "}");
        for (Column column : Column.all()) {
            columns.add("'" + column.label() + "': '" + column.kind().duckDbType() + "'");
        }
        return columns.toString();
    }
}
