package parley.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command in its own JVM (an analyst command, as {@code ./parley analyst} starts it), with its output in a
 * log file: how long it took from launch to exit and the most resident memory the process had
 * (Linux's {@code VmHWM}, sampled until it exits; 0 where /proc is missing).
 */
public final class ChildJvm {

    /** What one run gave: exit code, wall time, peak resident set, and everything it printed. */
    public record Outcome(int exitCode, double wallSeconds, long peakRssKib, String output, Path log) {

        public Outcome requireSuccess(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " exited with " + exitCode + "; see " + log);
            }
            return this;
        }
    }

    private ChildJvm() {
    }

    public static Outcome run(List<String> jvmAndArguments, Path workDir, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmAndArguments);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Thread killer = new Thread(process::destroyForcibly, "child-jvm-kill");
            Runtime.getRuntime().addShutdownHook(killer);
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            long peak = 0;
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, highWaterMark(status));
            }
            double wall = (System.nanoTime() - started) / 1e9;
            Runtime.getRuntime().removeShutdownHook(killer);
            return new Outcome(process.exitValue(), wall, peak, Files.readString(log, StandardCharsets.UTF_8), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** VmHWM in KiB: the process's peak resident set so far (gone once it exits, hence the sampling). */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited between waitFor and the read, or no /proc: keep what was seen
        }
        return 0;
    }
}
