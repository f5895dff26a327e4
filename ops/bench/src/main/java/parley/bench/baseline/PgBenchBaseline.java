package parley.bench.baseline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import parley.bench.Figure;
import parley.bench.Progress;
import parley.bench.Scenario;
import parley.bench.ScenarioResult;
import parley.bench.Target;

/**
 * The database's own limit: pgbench committing one message-sized row per transaction, with as many
 * clients as Parley's sustained-send scenario has senders, on the same server and database.
 */
public final class PgBenchBaseline implements Scenario {

    private static final String INSERT =
            "INSERT INTO bench_baseline_messages (chat_id, body) VALUES (gen_random_uuid(), repeat('x', :size));\n";

    private final int clients;
    private final int rowBytes;
    private final Duration duration;
    private final Path workDir;

    public PgBenchBaseline(int clients, int rowBytes, Duration duration, Path workDir) {
        this.clients = clients;
        this.rowBytes = rowBytes;
        this.duration = duration;
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return "baseline-pgbench";
    }

    @Override
    public ScenarioResult run(Target target, Progress progress) throws Exception {
        JdbcLocation database = JdbcLocation.parse(target.jdbcUrl());
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.jdbcUser(), "");
                PreparedStatement drop = connection.prepareStatement("DROP TABLE IF EXISTS bench_baseline_messages");
                PreparedStatement create = connection.prepareStatement("CREATE TABLE bench_baseline_messages ("
                        + "id bigserial PRIMARY KEY, chat_id uuid NOT NULL, body text NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now())")) {
            drop.execute();
            create.execute();
        }
        Path script = workDir.resolve("pgbench-insert.sql");
        Files.createDirectories(workDir);
        // The row size is pgbench's own variable (-D size=...), bound by pgbench, not spliced into the SQL.
        Files.writeString(script, INSERT);
        progress.line("pgbench: %d clients, %d-byte rows, %d s", clients, rowBytes, duration.toSeconds());
        String output = Command.run(List.of("pgbench", "-h", database.host(), "-p", Integer.toString(database.port()),
                "-U", target.jdbcUser(), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Long.toString(duration.toSeconds()), "-D", "size=" + rowBytes, "-f", script.toString(), database.name()),
                Map.of());
        double tps = Command.number(output, "tps = ([\\d.]+) \\(without initial connection time\\)");
        double latency = Command.number(output, "latency average = ([\\d.]+) ms");
        long failed = (long) Command.numberOr(output, "number of failed transactions: (\\d+)", 0);
        progress.line("pgbench: %.0f inserts/s, average latency %.2f ms", tps, latency);
        return new ScenarioResult(name(),
                "pgbench -M prepared -c " + clients + ", one " + rowBytes + "-byte row per transaction, " + duration.toSeconds() + " s",
                List.of(new Figure("inserts-per-s", tps, "1/s"), new Figure("latency-avg-ms", latency, "ms"),
                        new Figure("clients", clients, ""), new Figure("row-bytes", rowBytes, "B")),
                Map.of(), 0, 0, 0, failed);
    }
}
