package parley.client.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only their owner may read: the directory is created {@code 0700} and each file {@code 0600} from the
 * start (never widened then narrowed), and written atomically through a temporary file, so a crash leaves the old
 * content or the new, never half of either. Non-POSIX file systems get the platform's defaults.
 */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    static void write(Path directory, String fileName, String content) throws IOException {
        createDirectory(directory);
        Path temporary = createOwnerOnly(directory.resolve(fileName + ".tmp"));
        Files.writeString(temporary, content);
        Files.move(temporary, directory.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static Path createOwnerOnly(Path path) throws IOException {
        Files.deleteIfExists(path);
        FileAttribute<?>[] attributes = posix(path)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            return Files.createFile(path, attributes);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process is writing " + path, raced);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
