package parley.bench.baseline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.Scenario;
import parley.bench.ScenarioResult;
import parley.bench.Target;

/**
 * The broker's own limit: Kafka's {@code ProducerPerformance} (from the kafka-tools jar) sending
 * records of Parley's record size to the same broker with Parley's producer settings (acks=all,
 * idempotence, linger.ms=2), as fast as it can.
 */
public final class KafkaProducerBaseline implements Scenario {

    private final long records;
    private final int recordBytes;

    public KafkaProducerBaseline(long records, int recordBytes) {
        this.records = records;
        this.recordBytes = recordBytes;
    }

    @Override
    public String name() {
        return "baseline-kafka";
    }

    @Override
    public ScenarioResult run(Target target, Progress progress) throws Exception {
        progress.line("Kafka ProducerPerformance: %d records of %d bytes", records, recordBytes);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String output = Command.run(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "parley.bench-baseline",
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordBytes), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + target.kafkaBootstrap(), "acks=all", "enable.idempotence=true",
                "linger.ms=2"), Map.of());
        double perSecond = Command.last(output, "records sent, ([\\d.]+) records/sec");
        double averageMs = Command.last(output, "records/sec \\([\\d.]+ MB/sec\\), ([\\d.]+) ms avg latency");
        double p99Ms = Command.last(output, "(\\d+) ms 99th");
        progress.line("Kafka: %.0f records/s, average %.1f ms, p99 %.0f ms", perSecond, averageMs, p99Ms);
        return new ScenarioResult(name(),
                "ProducerPerformance, " + records + " records of " + recordBytes + " B, acks=all, idempotent, linger.ms=2",
                List.of(new Figure("records-per-s", perSecond, "1/s"), new Figure("latency-avg-ms", averageMs, "ms"),
                        new Figure("latency-p99-ms", p99Ms, "ms"), new Figure("record-bytes", recordBytes, "B")),
                Map.of(), records, 0, 0, 0);
    }
}
