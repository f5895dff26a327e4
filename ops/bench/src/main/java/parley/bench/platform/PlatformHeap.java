package parley.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's used heap after a full collection, read with {@code jcmd} (needs no endpoint and no
 * credentials, only the same user as the platform's process).
 */
public final class PlatformHeap {

    /** G1's line: {@code garbage-first heap   total 1048576K, used 123456K [0x...}; other collectors print the same words. */
    private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final long pid;

    public PlatformHeap(long pid) {
        this.pid = pid;
    }

    /** Runs a full GC (twice: the first may leave objects that were only reachable from finalizable ones) and returns used heap in bytes. */
    public long usedAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        return usedBytes(jcmd("GC.heap_info"));
    }

    static long usedBytes(String heapInfo) {
        Matcher used = USED.matcher(heapInfo);
        if (!used.find()) {
            throw new IllegalStateException("no used heap in jcmd GC.heap_info output: " + heapInfo);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        // The JDK the platform was launched with (the bench starts it with its own java), not whatever is on the PATH.
        String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
