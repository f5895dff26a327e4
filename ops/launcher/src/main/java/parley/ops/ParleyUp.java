package parley.ops;

import java.util.concurrent.CountDownLatch;
import parley.command.AxonDefaults;

/** {@code ./parley up [--tls]}: starts the platform and keeps it running until Ctrl-C. */
public final class ParleyUp {

    private ParleyUp() {
    }

    public static void main(String[] args) throws InterruptedException {
        AxonDefaults.apply();
        LauncherSettings settings = LauncherSettings.from(System.getenv(), args);
        long started = System.nanoTime();
        Platform platform = Platform.start(settings, args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Parley is stopping...");
            platform.close();
            stopped.countDown();
        }, "parley-shutdown"));
        System.out.printf("%nParley is up in %.1f s at %s  (WebSocket: %s, data in %s)%n",
                (System.nanoTime() - started) / 1e9, settings.baseUrl(), settings.webSocketUrl(), settings.dataDir());
        platform.devCertificate().ifPresent(certificate -> System.out.printf(
                "TLS: self-signed certificate for %s, SHA-256 %s%n     trust %s (e.g. curl --cacert %s %s/.well-known/jwks.json)%n",
                String.join(", ", DevCertificate.HOSTS), certificate.fingerprint(), certificate.pem(), certificate.pem(),
                settings.baseUrl()));
        System.out.printf("Press Ctrl-C to stop.%n%n");
        stopped.await();
    }
}
