package parley.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), run inside this
 * JVM from the Apache Kafka jars. Its log directory survives {@link #stop()} so that a later
 * {@link #start()} (the same instance or a new one on the same directory and port) brings the same
 * topics back: tests use that to take Kafka away and return it.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final String CLUSTER_ID = "cGFybGV5LWxvY2FsLTAx";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int nodeId;
    /** {@code controller.quorum.voters}: this node alone, or the whole cluster's {@code id@host:port} list. */
    private final String voters;
    /** Replicas of the internal topics and the default of new ones: 1 alone, 3 in a cluster. */
    private final int replicas;
    private KafkaRaftServer server;

    public LocalKafka(Path dataDir, int port) {
        this(dataDir, port, FreePort.find(), 1, null, 1);
    }

    private LocalKafka(Path dataDir, int port, int controllerPort, int nodeId, String voters, int replicas) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.nodeId = nodeId;
        this.voters = voters == null ? nodeId + "@127.0.0.1:" + controllerPort : voters;
        this.replicas = replicas;
    }

    /**
     * One node of a cluster of brokers that are each also a controller (KRaft's combined mode): {@code voters} lists
     * every node's {@code id@127.0.0.1:controllerPort}; the internal topics get {@code min(3, nodes)} replicas and
     * {@code min.insync.replicas} one less, so that the cluster keeps working, durably, with one node gone.
     */
    public static LocalKafka clusterMember(Path dataDir, int nodeId, int port, int controllerPort, String voters) {
        int nodes = voters.split(",").length;
        return new LocalKafka(dataDir, port, controllerPort, nodeId, voters, Math.min(3, nodes));
    }

    /** A broker on free ports in a fresh temporary directory. */
    public static LocalKafka temporary() {
        try {
            return new LocalKafka(Files.createTempDirectory("parley-kafka"), FreePort.find());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized LocalKafka start() {
        if (server != null) {
            return this;
        }
        Properties props = brokerProperties();
        format(props);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka (KRaft) listening on {} with data in {}", bootstrapServers(), dataDir);
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka on {} stopped", bootstrapServers());
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "6");
        String minInsync = Integer.toString(Math.max(1, replicas - 1));
        props.put("default.replication.factor", Integer.toString(replicas));
        props.put("min.insync.replicas", minInsync);
        props.put("offsets.topic.replication.factor", Integer.toString(replicas));
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        props.put("transaction.state.log.min.isr", minInsync);
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.flush.interval.messages", "1");
        return props;
    }

    private void format(Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "written by Parley's LocalKafka");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool$.MODULE$.execute(new String[] {
                "format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
