package parley.analyst.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import parley.analyst.EventFilter;
import parley.analyst.EventPayloads;
import parley.analyst.EventStoreConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./parley analyst export}: the event log, filtered, as one JSONL, CSV or Parquet file (docs/analysts.md). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the event log (or the part the filters select) to one file, in position order.",
                "No message content: envelopes are exported by their shape only. Columns: docs/analysts.md."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "jsonl, csv or parquet")
    private ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "the file to write (replaced when it exists)")
    private Path out;

    @Mixin
    private FilterOptions filters;

    @Mixin
    private EventStoreConnection store;

    @Override
    public Integer call() throws Exception {
        EventFilter filter = filters.filter();
        Path target = out.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": directory " + target.getParent() + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is a directory; name a file");
        }
        try (EventStoreConnection source = store; Connection connection = source.open()) {
            Exporter.Result result = new Exporter(EventPayloads.standard()).export(connection, filter, format, target, System.err);
            System.err.printf("wrote %s (%,d bytes)%n", out, Files.size(result.file()));
        }
        return 0;
    }
}
