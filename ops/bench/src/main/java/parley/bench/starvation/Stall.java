package parley.bench.starvation;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The platform's JVM stopped outright for a while ({@code SIGSTOP}, then {@code SIGCONT}): what a CPU-starved
 * container does to a JVM during a stop-the-world collection whose threads are throttled, or a host to a guest it
 * deschedules. Timers, heartbeats and acknowledgement waits all expire at once when it resumes, which a steady
 * quota alone does not bring about.
 */
final class Stall {

    private Stall() {
    }

    static void of(long pid, Duration length) throws InterruptedException {
        signal("STOP", pid);
        try {
            Thread.sleep(length.toMillis()); // the stall's length is the scenario, not a wait for an event
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
