package parley.command;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background schedulers that never keep the JVM alive on shutdown. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ScheduledExecutorService singleScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
