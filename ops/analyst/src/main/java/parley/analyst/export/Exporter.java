package parley.analyst.export;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import parley.analyst.EventFilter;
import parley.analyst.EventLog;
import parley.analyst.EventPayloads;
import parley.analyst.Prefetch;
import parley.analyst.Progress;
import parley.analyst.StoredEvent;

/**
 * Streams the event log into one file: rows are read with a cursor, turned into export rows and
 * written one at a time, so memory stays the same whatever the size of the log. The file is written
 * as {@code PATH.part} and renamed to {@code PATH} only when complete: a failure leaves no half file.
 */
public final class Exporter {

    private final EventRows rows;

    public Exporter(EventPayloads payloads) {
        this.rows = new EventRows(payloads);
    }

    /** The result of one export: the file and how many events it holds. */
    public record Result(Path file, long events, String summary) {
    }

    public Result export(Connection store, EventFilter filter, ExportFormat format, Path out, PrintStream progressTo)
            throws Exception {
        Path part = partFile(out);
        EventLog log = new EventLog(store);
        Progress progress = new Progress(progressTo, "export " + format.name().toLowerCase(java.util.Locale.ROOT), log.estimate(filter));
        Files.deleteIfExists(part);
        try {
            try (RowWriter writer = format.open(part)) {
                // Two threads: the log's reader, and this one building and writing rows. A third for the rows
                // alone measured no faster on two cores: the two already keep both busy.
                Prefetch.<StoredEvent>stream("event-log-reader", read -> log.read(filter, event -> unchecked(read, event)), event -> {
                    ExportRow row = row(event);
                    try {
                        writer.write(row);
                    } catch (Exception e) {
                        throw new ExportFailed("event at position " + row.position() + " (" + row.type() + "): " + e.getMessage(), e);
                    }
                    progress.advance(1);
                });
                writer.finish();
            }
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception | Error e) {
            deleteQuietly(part);
            throw e;
        }
        String summary = progress.finish() + " -> " + out;
        return new Result(out, progress.done(), summary);
    }

    private ExportRow row(StoredEvent event) {
        try {
            return rows.row(event);
        } catch (RuntimeException e) {
            throw new ExportFailed("event at position " + event.position() + " (" + event.typeName() + "): " + e.getMessage(), e);
        }
    }

    /** EventLog takes a plain Consumer; the queue's hand-over only throws when the other side stopped. */
    private static void unchecked(Prefetch.Sink<StoredEvent> sink, StoredEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path partFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".part");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }

    /** An event the export could not turn into a row; names its position so the analyst can look at it. */
    public static final class ExportFailed extends RuntimeException {
        ExportFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
