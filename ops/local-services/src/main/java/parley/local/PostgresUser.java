package parley.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL and PgBouncer refuse to run as root. A JVM running as root (CI does) starts them as the
 * {@code postgres} user and hands it the files they use; anywhere else they run as the current user.
 */
final class PostgresUser {

    static final String NAME = "postgres";

    private PostgresUser() {
    }

    static boolean isNeeded() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Makes {@code path} the postgres user's, when that user is needed. */
    static void own(Path path) throws IOException {
        if (isNeeded()) {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(NAME));
        }
    }
}
