package parley.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import parley.bench.Progress;
import parley.bench.platform.IngressRouter;
import parley.bench.platform.PlatformProcess;
import parley.bench.platform.PlatformService;
import parley.local.FreePort;

/**
 * The platform's processes in the suite, on ports fixed for the whole run so that a process started again after a
 * kill is where its clients and peers reconnect. Either the launcher's jar in one JVM ({@code ./parley up}'s shape:
 * killing "the command node" kills all three services), or, when a fault of the run kills one service alone
 * ({@link EnvironmentPart#SEPARATE_SERVICES}), each service in its own JVM behind the loopback ingress
 * ({@code ops/k8s}'s shape), so that the other two go on.
 */
final class PlatformNodes implements AutoCloseable {

    /** Starts one process: the whole platform ({@code service} null) or one service, on {@code port}. */
    @FunctionalInterface
    interface Launcher {
        PlatformProcess launch(PlatformService service, int port, int start, List<String> arguments);
    }

    private final Launcher launcher;
    private final Path workDir;
    private final Progress progress;
    private final boolean separate;
    private final int port = FreePort.find();
    private final Map<PlatformService, Integer> servicePorts = new EnumMap<>(PlatformService.class);
    /** Without separate services the launcher's one process is the command side's. */
    private final Map<PlatformService, PlatformProcess> running = new EnumMap<>(PlatformService.class);
    private IngressRouter ingress;
    private int starts;

    private PlatformNodes(Launcher launcher, Path workDir, Progress progress, boolean separate) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.progress = progress;
        this.separate = separate;
        for (PlatformService service : PlatformService.values()) {
            servicePorts.put(service, FreePort.find());
        }
    }

    /** Starts every process (the services in the order each needs the one before: schema, read tables, keys). */
    static PlatformNodes start(Launcher launcher, Path workDir, Progress progress, boolean separate) {
        PlatformNodes nodes = new PlatformNodes(launcher, workDir, progress, separate);
        try {
            if (!separate) {
                nodes.start(PlatformService.COMMAND_SIDE);
                return nodes;
            }
            for (PlatformService service : PlatformService.values()) {
                nodes.start(service);
            }
            nodes.ingress = IngressRouter.start(nodes.port, nodes.serviceUrl(PlatformService.COMMAND_SIDE),
                    nodes.serviceUrl(PlatformService.QUERY_SIDE), workDir);
            progress.line("faults: ingress (haproxy) at %s", nodes.baseUrl());
            return nodes;
        } catch (IOException e) {
            nodes.close();
            throw new IllegalStateException("the ingress did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nodes.close();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    boolean separate() {
        return separate;
    }

    /**
     * Starts {@code service} on its port and waits for its readiness probe. Without separate services the command
     * side's process is the launcher's, with the other two beside it.
     */
    void start(PlatformService service) {
        PlatformService key = processOf(service);
        int start = ++starts;
        PlatformProcess process = separate
                ? launcher.launch(service, servicePorts.get(service), start, argumentsOf(service))
                : launcher.launch(null, port, start, List.of());
        running.put(key, process);
        progress.line("faults: %s ready at %s in %.1f s (pid %d)", described(service), process.baseUrl(), seconds(process),
                process.pid());
    }

    /** SIGKILL to {@code service}'s process (the whole platform's without separate services). */
    void kill(PlatformService service) {
        PlatformProcess process = running.remove(processOf(service));
        if (process == null) {
            throw new IllegalStateException("the " + described(service) + " is not running");
        }
        long pid = process.pid();
        progress.line("faults: %s (pid %d) killed with SIGKILL, gone in %d ms", described(service), pid,
                process.kill().toMillis());
    }

    /** What the launcher wires between the services in its one JVM, given to each alone. */
    private List<String> argumentsOf(PlatformService service) {
        return switch (service) {
            case COMMAND_SIDE -> List.of("--parley.jwt.key-directory=" + workDir.resolve("platform/keys"),
                    "--parley.auth.cookies.secure=false");
            case PROJECTIONS -> List.of();
            case QUERY_SIDE -> List.of("--parley.query.jwk-set-uri="
                    + serviceUrl(PlatformService.COMMAND_SIDE).resolve("/.well-known/jwks.json"));
        };
    }

    /** The key of {@code service}'s process in {@link #running}: itself, or the launcher's one process's. */
    private PlatformService processOf(PlatformService service) {
        if (!separate && service != PlatformService.COMMAND_SIDE) {
            throw new IllegalStateException("the " + service.described + " runs in the launcher's JVM beside the command side: "
                    + "a fault that kills it alone needs " + EnvironmentPart.SEPARATE_SERVICES);
        }
        return service;
    }

    private String described(PlatformService service) {
        return separate ? service.described : "platform";
    }

    /** The clients' base URL: the launcher's port, or the ingress's. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private URI serviceUrl(PlatformService service) {
        return URI.create("http://127.0.0.1:" + servicePorts.get(service));
    }

    /** Every process's own base URL (its probes and metrics). */
    List<URI> processUrls() {
        if (!separate) {
            return List.of(baseUrl());
        }
        List<URI> urls = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            urls.add(serviceUrl(service));
        }
        return urls;
    }

    /** Every process answers its readiness probe UP. */
    boolean ready() {
        return processUrls().stream().allMatch(PlatformProcess::ready);
    }

    private static double seconds(PlatformProcess process) {
        return process.startup().toMillis() / 1000.0;
    }

    @Override
    public void close() {
        if (ingress != null) {
            ingress.close();
        }
        List<PlatformProcess> processes = new ArrayList<>(running.values());
        // the query side and the projections first: the command side outlives its readers, as in a rolling stop
        Collections.reverse(processes);
        processes.forEach(PlatformProcess::close);
    }
}
