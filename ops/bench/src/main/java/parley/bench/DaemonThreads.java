package parley.bench;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads of the load generator that never keep its JVM alive, named for a thread dump. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads named {@code name-1}, {@code name-2}… */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
