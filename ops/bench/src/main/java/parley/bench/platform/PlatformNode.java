package parley.bench.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A further platform node on the environment's database, broker, Redis and data directory (so it signs and checks
 * tokens with the same keys, as the nodes of one deployment share a secret): the green colour of a blue-green
 * switch. Its own port and log; closing it stops it gracefully if it still runs.
 */
public final class PlatformNode implements AutoCloseable {

    private final PlatformProcess process;

    PlatformNode(PlatformProcess process) {
        this.process = process;
    }

    public URI baseUrl() {
        return process.baseUrl();
    }

    public long pid() {
        return process.pid();
    }

    /** Launch to readiness UP. */
    public Duration startup() {
        return process.startup();
    }

    /** SIGTERM: the graceful shutdown (drain); returns how long the node took to exit. */
    public Duration stop() {
        return process.stop();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
