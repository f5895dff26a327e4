package parley.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import parley.local.FreePort;

/** The broker the platform publishes to, in its own JVM ({@link KafkaMain}). */
public final class KafkaProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final JavaProcess process;
    private final String bootstrapServers;

    private KafkaProcess(JavaProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaProcess start(Path workDir) {
        int port = FreePort.find();
        JavaProcess process = JavaProcess.start("kafka",
                List.of("-Xmx768m", "-cp", JavaProcess.ownClassPath(), KafkaMain.class.getName(),
                        workDir.resolve("kafka").toString(), Integer.toString(port)),
                Map.of(), workDir.resolve("logs/kafka.log"));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            if (logSaysReady(process.log())) {
                return new KafkaProcess(process, "127.0.0.1:" + port);
            }
            Sleep.of(Duration.ofMillis(200));
        }
        process.close();
        throw new IllegalStateException("Kafka did not start within " + START_TIMEOUT + "; see " + process.log());
    }

    private static boolean logSaysReady(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains(KafkaMain.READY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        process.close();
    }
}
