package parley.bench.platform;

import java.io.IOException;
import java.nio.file.Path;
import parley.local.LocalKafka;

/**
 * A KRaft broker in a JVM of its own, so that the platform's heap figures hold only Parley. It
 * stops when its parent closes its standard input (or dies).
 */
public final class KafkaMain {

    static final String READY = "KAFKA READY";

    private KafkaMain() {
    }

    public static void main(String[] args) throws IOException {
        LocalKafka kafka = new LocalKafka(Path.of(args[0]), Integer.parseInt(args[1])).start();
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for end of input: the parent has gone
        }
        kafka.stop();
        System.exit(0);
    }
}
