package parley.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform's wall clock made steppable at run time: libfaketime ({@code apt-get install faketime}) preloaded into
 * its JVM reads the offset from real time in a file of the run's, which {@link #step} rewrites. Only the wall clock
 * moves ({@code System.currentTimeMillis()}, {@code Instant.now()}, the JWT checks, the aggregates' stamps), as when
 * NTP steps a node's clock; the monotonic clock ({@code System.nanoTime()}, every timed wait) does not.
 *
 * <p>Measured on 2026-12-03 (OpenJDK 17, Debian's libfaketime 0.9.10): with these settings a JVM's timed waits last
 * what they should across steps and the platform starts as fast as without the preload. Each setting matters:
 * <ul>
 * <li>{@code DONT_FAKE_MONOTONIC=1}: otherwise {@code nanoTime()} steps too, and the JVM's timeouts and the
 *     platform's timers jump with the wall clock, which a real clock step never does;</li>
 * <li>{@code FAKETIME_FORCE_MONOTONIC_FIX=0}: with monotonic time not faked, the library's fix for condition
 *     variables on the monotonic clock makes {@code LockSupport.parkNanos} and {@code Object.wait(ms)} return at once
 *     (measured: 0 ms instead of 300), so every timed wait in the JVM spins: the platform then was not ready in
 *     150 s;</li>
 * <li>{@code libfaketime.so.1}, not {@code libfaketimeMT.so.1}: the MT one serialises every clock read behind a lock
 *     (0.73 µs per {@code currentTimeMillis()} against 0.09 µs, measured minutes apart);</li>
 * <li>{@code FAKETIME_CACHE_DURATION=1}: the file is read again at most once a second (the default is every 10 s; never
 *     caching would read it on every clock call).</li>
 * </ul>
 */
final class SteppableClock {

    /** Where Debian and Ubuntu put it (package {@code libfaketime}). */
    private static final List<Path> LIBRARIES = List.of(Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"), Path.of("/usr/lib/faketime/libfaketime.so.1"));

    private final Path library;
    private final Path offsetFile;

    private SteppableClock(Path library, Path offsetFile) {
        this.library = library;
        this.offsetFile = offsetFile;
    }

    /** The offset file in {@code workDir}, holding {@code +0} (real time) until the first step. */
    static SteppableClock in(Path workDir) {
        Path library = LIBRARIES.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException(
                "libfaketime is missing (the clock step preloads it into the platform): apt-get install faketime"));
        SteppableClock clock = new SteppableClock(library, workDir.resolve("platform-clock-offset"));
        clock.step(Duration.ZERO);
        return clock;
    }

    /** What the platform's JVM is started with. */
    Map<String, String> environment() {
        return Map.of(
                "LD_PRELOAD", library.toString(),
                "FAKETIME_TIMESTAMP_FILE", offsetFile.toString(),
                "FAKETIME_CACHE_DURATION", "1",
                "DONT_FAKE_MONOTONIC", "1",
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** Sets the platform's wall clock to real time plus {@code offset} (negative: behind), from within a second on. */
    void step(Duration offset) {
        // written aside and moved over the file, so that the library never reads half a line
        Path written = offsetFile.resolveSibling(offsetFile.getFileName() + ".new");
        try {
            Files.writeString(written, String.format("%+d%n", offset.toSeconds()));
            Files.move(written, offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + offsetFile, e);
        }
    }
}
