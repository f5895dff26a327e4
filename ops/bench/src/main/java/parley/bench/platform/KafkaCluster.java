package parley.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import parley.local.FreePort;
import parley.local.Patience;

/**
 * A Kafka cluster of {@code size} nodes on loopback, each a broker and a KRaft controller (combined mode) in a JVM of
 * its own ({@link KafkaMain}), so that one can get SIGKILL while the others carry on: the fault suite's broker loss.
 * Internal topics get three replicas and {@code min.insync.replicas} 2; the platform's own topic is made so by its
 * settings ({@link #platformEnvironment()}). A node keeps its data directory and ports across a kill, so
 * {@link #start(int)} brings the same broker back and it catches up from the others.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Patience.scaled(Duration.ofSeconds(120));
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Path workDir;
    private final int[] ports;
    private final int[] controllerPorts;
    private final String voters;
    private final JavaProcess[] nodes;
    private final int[] starts;
    /** How long each node's log was when it was last launched: its READY line must come after that. */
    private final long[] logOffsets;

    private KafkaCluster(Path workDir, int size) {
        this.workDir = workDir;
        this.ports = new int[size];
        this.controllerPorts = new int[size];
        this.nodes = new JavaProcess[size];
        this.starts = new int[size];
        this.logOffsets = new long[size];
        List<String> voterList = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports[i] = FreePort.find();
            controllerPorts[i] = FreePort.find();
            voterList.add(nodeId(i) + "@127.0.0.1:" + controllerPorts[i]);
        }
        this.voters = String.join(",", voterList);
    }

    /** Starts {@code size} nodes at once (a KRaft quorum forms only when a majority is up) and waits for each. */
    public static KafkaCluster start(Path workDir, int size) {
        KafkaCluster cluster = new KafkaCluster(workDir, size);
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(i);
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitReady(i);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's address: the platform's bootstrap list (any one of them alive is enough). */
    public String bootstrapServers() {
        List<String> addresses = new ArrayList<>();
        for (int port : ports) {
            addresses.add("127.0.0.1:" + port);
        }
        return String.join(",", addresses);
    }

    /**
     * The platform's settings for its chat-events topic on this cluster: three replicas and two in sync, what
     * production runs (docs/architecture.md), so that a record acknowledged to the publisher survives one broker.
     */
    public Map<String, String> platformEnvironment() {
        return Map.of("PARLEY_PUBLISHER_REPLICATION_FACTOR", Integer.toString(Math.min(3, ports.length)),
                "PARLEY_PUBLISHER_MIN_INSYNC_REPLICAS", Integer.toString(Math.max(1, Math.min(3, ports.length) - 1)));
    }

    public int size() {
        return ports.length;
    }

    /** The Kafka node id of node {@code index} (ids count from 1). */
    public static int nodeId(int index) {
        return index + 1;
    }

    /** SIGKILL to node {@code index}: no controlled shutdown, its partitions' leadership moves once the controller notices. */
    public Duration kill(int index) {
        return nodes[index].kill();
    }

    /** SIGTERM to node {@code index} (Kafka's controlled shutdown). */
    public Duration stop(int index) {
        return nodes[index].stop();
    }

    /** Starts node {@code index} again on its data directory and ports, and waits until it says it is up. */
    public void start(int index) {
        launch(index);
        awaitReady(index);
    }

    /** SIGKILL to every node at once: the whole cluster gone, as in a power cut of its racks. */
    public void killAll() {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].kill();
        }
    }

    /** Starts every node again at once (a quorum needs a majority up) and waits for each. */
    public void startAll() {
        for (int i = 0; i < nodes.length; i++) {
            launch(i);
        }
        for (int i = 0; i < nodes.length; i++) {
            awaitReady(i);
        }
    }

    public boolean isAlive(int index) {
        return nodes[index] != null && nodes[index].isAlive();
    }

    /**
     * The index of the node leading the most partitions of {@code topic} (the first such node), asked of the
     * cluster's admin API: the broker whose loss moves the most leadership.
     */
    public int busiestLeader(String topic) {
        Map<Integer, Long> led = describe(topic).partitions().stream().map(TopicPartitionInfo::leader)
                .filter(leader -> leader != null && !leader.isEmpty())
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        int leaderId = led.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElseThrow(() -> new IllegalStateException(topic + " has no leader"));
        return leaderId - 1;
    }

    /** Whether every partition of {@code topic} has a leader and all its replicas in sync (a restarted broker caught up). */
    public boolean fullyInSync(String topic) {
        try {
            return describe(topic).partitions().stream()
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()
                            && partition.isr().size() == partition.replicas().size());
        } catch (RuntimeException e) {
            return false; // the cluster is still electing: not in sync
        }
    }

    /** The replicas of each partition of {@code topic} (what the suite reports, and what shows the topic really has 3). */
    public int replicationFactor(String topic) {
        return describe(topic).partitions().stream().mapToInt(partition -> partition.replicas().size()).min().orElse(0);
    }

    private TopicDescription describe(String topic) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(properties)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            return topics.get(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + " on " + bootstrapServers(), e);
        }
    }

    private void launch(int index) {
        int start = ++starts[index];
        Path log = workDir.resolve("logs/kafka-" + nodeId(index) + "-" + start + ".log");
        try {
            logOffsets[index] = Files.exists(log) ? Files.size(log) : 0; // a log of an earlier run in the same directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nodes[index] = JavaProcess.start("kafka-" + nodeId(index),
                List.of("-Xmx384m", "-cp", JavaProcess.ownClassPath(), KafkaMain.class.getName(),
                        workDir.resolve("kafka-" + nodeId(index)).toString(), Integer.toString(ports[index]),
                        Integer.toString(nodeId(index)), Integer.toString(controllerPorts[index]), voters),
                Map.of(), log);
    }

    private void awaitReady(int index) {
        JavaProcess node = nodes[index];
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            node.checkAlive();
            if (logSaysReady(node.log(), logOffsets[index])) {
                return;
            }
            Sleep.of(Duration.ofMillis(200));
        }
        throw new IllegalStateException("Kafka node " + nodeId(index) + " did not start within " + START_TIMEOUT + "; see "
                + node.log());
    }

    private static boolean logSaysReady(Path log, long from) {
        try {
            return Files.exists(log) && Files.readString(log).substring((int) from).contains(KafkaMain.READY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<JavaProcess> alive = List.of(nodes).stream().filter(node -> node != null && node.isAlive()).toList();
        alive.forEach(JavaProcess::kill); // the data directories are the run's; nothing to shut down politely
    }
}
