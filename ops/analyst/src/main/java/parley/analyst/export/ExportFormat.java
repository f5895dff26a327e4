package parley.analyst.export;

import java.nio.file.Path;

/** The export formats; {@code --format} takes their names in any case. */
public enum ExportFormat {
    JSONL, CSV, PARQUET;

    RowWriter open(Path file) throws Exception {
        return switch (this) {
            case JSONL -> new JsonlRowWriter(file);
            case CSV -> new CsvRowWriter(file);
            case PARQUET -> new ParquetRowWriter(file);
        };
    }

    /** The format a file name's extension names, {@code null} for another extension. */
    public static ExportFormat ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (ExportFormat format : values()) {
            if (name.endsWith("." + format.name().toLowerCase(java.util.Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }
}
