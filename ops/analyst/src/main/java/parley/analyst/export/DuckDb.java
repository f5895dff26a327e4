package parley.analyst.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Embedded DuckDB as the analyst tools use it: its memory is native (outside the 256 MiB JVM heap)
 * and capped by {@code memory_limit}, beyond which it spills to {@code temp_directory}; extensions
 * are never downloaded (Parquet and CSV are built in), so a command works offline and the same way
 * everywhere.
 */
public final class DuckDb {

    /** DuckDB's own memory cap unless {@code PARLEY_ANALYST_DUCKDB_MEMORY} says otherwise (DuckDB size text, e.g. 1GB). */
    public static final String DEFAULT_MEMORY_LIMIT = "256MB";

    private DuckDb() {
    }

    /**
     * A connection to a DuckDB database in {@code file} ({@code null}: in memory) spilling to {@code spill}.
     * The caller closes it.
     */
    public static Connection open(Path file, Path spill) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("memory_limit", System.getenv().getOrDefault("PARLEY_ANALYST_DUCKDB_MEMORY", DEFAULT_MEMORY_LIMIT));
        settings.setProperty("temp_directory", spill.toAbsolutePath().toString());
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath()), settings);
    }

    /** {@code path} as a DuckDB string literal. */
    public static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** A private working directory beside {@code target} (same file system, so spilled data never fills /tmp). */
    public static Path workDirectoryBeside(Path target) throws IOException {
        return Files.createTempDirectory(target.toAbsolutePath().getParent(), ".parley-analyst-");
    }

    public static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
