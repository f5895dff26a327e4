package parley.bench.platform;

import java.io.IOException;
import java.nio.file.Path;
import parley.local.LocalKafka;

/**
 * A KRaft broker in a JVM of its own, so that the platform's heap figures hold only Parley. It
 * stops when its parent closes its standard input (or dies). Arguments: the data directory and the port, then for
 * a node of a {@link KafkaCluster} its node id, controller port and the cluster's {@code controller.quorum.voters}.
 */
public final class KafkaMain {

    static final String READY = "KAFKA READY";

    private KafkaMain() {
    }

    public static void main(String[] args) throws IOException {
        LocalKafka kafka = (args.length == 2 ? new LocalKafka(Path.of(args[0]), Integer.parseInt(args[1]))
                : LocalKafka.clusterMember(Path.of(args[0]), Integer.parseInt(args[2]), Integer.parseInt(args[1]),
                        Integer.parseInt(args[3]), args[4])).start();
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for end of input: the parent has gone
        }
        kafka.stop();
        System.exit(0);
    }
}
