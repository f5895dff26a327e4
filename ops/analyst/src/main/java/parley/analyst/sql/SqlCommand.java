package parley.analyst.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import parley.analyst.EventFilter;
import parley.analyst.EventPayloads;
import parley.analyst.EventStoreConnection;
import parley.analyst.export.DuckDb;
import parley.analyst.export.ExportFormat;
import parley.analyst.export.Exporter;
import parley.analyst.export.FilterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./parley analyst sql}: a SQL query over the event log through embedded DuckDB. The log is
 * exported to a temporary Parquet file (or an earlier export is read with {@code --input}) and shown
 * to the query as the view {@code events}, with the export's columns (docs/analysts.md).
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one SQL query (DuckDB's dialect) over the view 'events': one row per event, the export's columns.",
                "Prints an aligned table, or writes the whole result with --out."})
public final class SqlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "the query, e.g. \"SELECT type, count(*) FROM events GROUP BY type\"")
    private String query;

    @Option(names = "--file", paramLabel = "FILE", description = "read the query from FILE instead")
    private Path file;

    @Option(names = "--input", paramLabel = "EXPORT", description = "query this export (.parquet, .csv or .jsonl) instead of exporting the event store now")
    private Path input;

    @Option(names = "--out", paramLabel = "PATH", description = "write the result to PATH (.csv, .parquet or .jsonl) instead of printing it")
    private Path out;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "rows printed at most (default ${DEFAULT-VALUE}); the rest are counted")
    private int maxRows;

    @Mixin
    private FilterOptions filters;

    @Mixin
    private EventStoreConnection store;

    @Override
    public Integer call() throws Exception {
        String sql = query();
        EventFilter filter = filters.filter();
        ExportFormat inputFormat = input == null ? null : inputFormat(filter);
        ExportFormat outFormat = out == null ? null : outFormat();
        if (maxRows < 1) {
            throw usage("--max-rows must be at least 1");
        }
        Path work = out == null ? Files.createTempDirectory("parley-analyst-") : DuckDb.workDirectoryBeside(out);
        try {
            Path events = input;
            if (events == null) {
                events = work.resolve("events.parquet");
                try (EventStoreConnection source = store; Connection connection = source.open()) {
                    new Exporter(EventPayloads.standard()).export(connection, filter, ExportFormat.PARQUET, events, System.err);
                }
            }
            try (Connection duckDb = DuckDb.open(null, work); Statement statement = duckDb.createStatement()) {
                statement.execute("CREATE VIEW events AS SELECT * FROM " + EventsView.source(events, inputFormat == null ? ExportFormat.PARQUET : inputFormat));
                if (out == null) {
                    try (ResultSet rows = statement.executeQuery(sql)) {
                        new TablePrinter(maxRows).print(rows, System.out);
                    }
                } else {
                    write(statement, sql, outFormat);
                }
            }
        } finally {
            DuckDb.deleteRecursively(work);
        }
        return 0;
    }

    /** The whole result through DuckDB's COPY, as {@code PATH.part} renamed when complete. */
    private void write(Statement statement, String sql, ExportFormat format) throws IOException, java.sql.SQLException {
        Path target = out.toAbsolutePath();
        Path part = Exporter.partFile(target);
        String options = switch (format) {
            case PARQUET -> "FORMAT parquet, COMPRESSION zstd";
            case CSV -> "FORMAT csv, HEADER true";
            case JSONL -> "FORMAT json";
        };
        try {
            // The query on lines of its own: a trailing "-- comment" cannot swallow the closing parenthesis.
            statement.execute("COPY (\n" + withoutTrailingSemicolons(sql) + "\n) TO " + DuckDb.literal(part) + " (" + options + ")");
            Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        System.err.printf("wrote %s (%,d bytes)%n", out, Files.size(target));
    }

    private String query() throws IOException {
        if ((query == null) == (file == null)) {
            throw usage("give the query either as an argument or with --file, not both or neither");
        }
        String text = query;
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw usage("--file " + file + " cannot be read");
            }
            text = Files.readString(file);
        }
        if (withoutTrailingSemicolons(text).isBlank()) {
            throw usage("the query is empty");
        }
        return text;
    }

    private ExportFormat inputFormat(EventFilter filter) {
        if (!Files.isRegularFile(input)) {
            throw usage("--input " + input + " is not a file");
        }
        if (!filter.equals(EventFilter.everything())) {
            throw usage("filters select from the event store; with --input, filter in the query's WHERE instead");
        }
        ExportFormat format = ExportFormat.ofFileName(input);
        if (format == null) {
            throw usage("--input " + input + ": expected an export ending in .parquet, .csv or .jsonl");
        }
        return format;
    }

    private ExportFormat outFormat() {
        ExportFormat format = ExportFormat.ofFileName(out);
        if (format == null) {
            throw usage("--out " + out + ": expected a file ending in .csv, .parquet or .jsonl");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw usage("--out " + out + ": directory " + parent + " does not exist");
        }
        return format;
    }

    static String withoutTrailingSemicolons(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
