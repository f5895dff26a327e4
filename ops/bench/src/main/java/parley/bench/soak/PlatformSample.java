package parley.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import parley.bench.platform.Prometheus;

/**
 * The platform JVM's figures that grow when something leaks, at one instant: from its {@code /actuator/prometheus}
 * and, for the resident size (heap, metaspace, thread stacks and native buffers together), from
 * {@code /proc/<pid>/status}. A figure the platform does not expose is NaN.
 *
 * @param heapUsedBytes the heap in use now (young garbage included: it saws up and down)
 * @param liveDataBytes the old generation after its latest collection (Micrometer's jvm_gc_live_data_size; 0 until one ran)
 * @param hikariActive connections borrowed from the pools at that instant
 * @param hikariTotal connections open in the pools
 * @param directBytes direct (off-heap) buffers: Netty's and the Kafka clients' (in the RSS, not in the heap)
 */
record PlatformSample(double heapUsedBytes, double liveDataBytes, double threads, double hikariActive, double hikariTotal,
        double webSocketSessions, double openFiles, double directBytes, double rssBytes) {

    static PlatformSample read(URI baseUrl, long pid) {
        String exposition;
        try {
            exposition = Prometheus.scrape(baseUrl);
        } catch (IOException e) {
            System.err.println("soak: could not scrape the platform: " + e);
            exposition = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exposition = "";
        }
        String status;
        try {
            status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException e) {
            status = "";
        }
        return of(exposition, status);
    }

    static PlatformSample of(String exposition, String procStatus) {
        return new PlatformSample(series(exposition, "jvm_memory_used_bytes", "area=\"heap\""),
                series(exposition, "jvm_gc_live_data_size_bytes", ""), series(exposition, "jvm_threads_live_threads", ""),
                series(exposition, "hikaricp_connections_active", ""), series(exposition, "hikaricp_connections", ""),
                series(exposition, "parley_websocket_sessions", ""), series(exposition, "process_files_open_files", ""),
                series(exposition, "jvm_buffer_memory_used_bytes", "id=\"direct\""), rssBytes(procStatus));
    }

    private static double series(String exposition, String name, String labels) {
        return Prometheus.has(exposition, name) ? Prometheus.sum(exposition, name, labels) : Double.NaN;
    }

    /** {@code VmRSS:    123456 kB}. */
    static double rssBytes(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Double.parseDouble(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024;
            }
        }
        return Double.NaN;
    }
}
