package parley.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM whose output goes to a log file. It is stopped with SIGTERM (so the platform's
 * graceful shutdown runs) and killed if it outlives the grace period, also when the bench itself
 * exits abnormally, so that no broker or platform survives a run.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-kill"));
    }

    public static JavaProcess start(String name, List<String> jvmAndMain, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmAndMain);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new JavaProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the log's location when the process has died (instead of waiting for a timeout). */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, then the grace period, then SIGKILL; returns how long the process took to exit. */
    Duration stop() {
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * SIGKILL at once (on Linux {@code destroyForcibly} is {@code kill -9}): no shutdown hook, no graceful
     * shutdown, nothing flushed that was not already; a crash as the kernel's OOM killer or a power cut
     * would leave it. Returns how long the process took to be gone.
     */
    public Duration kill() {
        long started = System.nanoTime();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    /** The class path this JVM runs with (the shaded bench jar, or the test class path). */
    public static String ownClassPath() {
        return System.getProperty("java.class.path");
    }
}
