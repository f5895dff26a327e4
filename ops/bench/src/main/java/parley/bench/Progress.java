package parley.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Progress lines on the terminal, each prefixed with the seconds since the run began. */
public final class Progress {

    private final PrintStream out;
    private final Instant started = Instant.now();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public synchronized void line(String format, Object... args) {
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        out.printf("[%7.1fs] %s%n", seconds, String.format(format, args));
        out.flush();
    }
}
