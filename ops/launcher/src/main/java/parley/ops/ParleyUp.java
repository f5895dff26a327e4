package parley.ops;

import java.util.concurrent.CountDownLatch;
import parley.command.AxonDefaults;

/** {@code ./parley up}: starts the platform and keeps it running until Ctrl-C. */
public final class ParleyUp {

    private ParleyUp() {
    }

    public static void main(String[] args) throws InterruptedException {
        AxonDefaults.apply();
        LauncherSettings settings = LauncherSettings.from(System.getenv());
        long started = System.nanoTime();
        Platform platform = Platform.start(settings, args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Parley is stopping...");
            platform.close();
            stopped.countDown();
        }, "parley-shutdown"));
        System.out.printf("%nParley is up in %.1f s at http://localhost:%d  (WebSocket: ws://localhost:%d/ws, data in %s)%n"
                + "Press Ctrl-C to stop.%n%n",
                (System.nanoTime() - started) / 1e9, settings.httpPort(), settings.httpPort(), settings.dataDir());
        stopped.await();
    }
}
