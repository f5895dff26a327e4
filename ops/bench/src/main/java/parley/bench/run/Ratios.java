package parley.bench.run;

import static parley.bench.run.RunResults.ANALYST_EXPORT_JSONL;
import static parley.bench.run.RunResults.ANALYST_EXPORT_PARQUET;
import static parley.bench.run.RunResults.ANALYST_REBUILD;
import static parley.bench.run.RunResults.GROUP_10;
import static parley.bench.run.RunResults.GROUP_500;
import static parley.bench.run.RunResults.KAFKA;
import static parley.bench.run.RunResults.PGBENCH;
import static parley.bench.run.RunResults.PG_COPY;
import static parley.bench.run.RunResults.PRIVATE_MAX;

import java.util.ArrayList;
import java.util.List;

/** Each Parley throughput beside the raw limit of the component under it, measured in the same run. */
final class Ratios {

    record Ratio(String parley, double value, String baseline, double baselineValue) {
        double ratio() {
            return value / baselineValue;
        }
    }

    private Ratios() {
    }

    static List<Ratio> of(RunResults run) {
        List<Ratio> ratios = new ArrayList<>();
        add(ratios, run, PRIVATE_MAX, "acked-per-s", "durable private sends/s", PGBENCH, "inserts-per-s", "pgbench inserts/s");
        add(ratios, run, PRIVATE_MAX, "acked-per-s", "durable private sends/s", KAFKA, "records-per-s", "Kafka records/s");
        add(ratios, run, PRIVATE_MAX, "deliveries-per-s", "private deliveries/s", KAFKA, "records-per-s", "Kafka records/s");
        add(ratios, run, GROUP_10, "acked-per-s", "group-of-10 sends/s", PGBENCH, "inserts-per-s", "pgbench inserts/s");
        add(ratios, run, GROUP_10, "deliveries-per-s", "group-of-10 deliveries/s", KAFKA, "records-per-s", "Kafka records/s");
        add(ratios, run, GROUP_500, "acked-per-s", "group-of-500 sends/s", PGBENCH, "inserts-per-s", "pgbench inserts/s");
        add(ratios, run, GROUP_500, "deliveries-per-s", "group-of-500 deliveries/s", KAFKA, "records-per-s", "Kafka records/s");
        add(ratios, run, ANALYST_EXPORT_JSONL, "events-per-s", "export jsonl events/s", PG_COPY, "events-per-s", "COPY rows/s");
        add(ratios, run, ANALYST_EXPORT_PARQUET, "events-per-s", "export parquet events/s", PG_COPY, "events-per-s", "COPY rows/s");
        add(ratios, run, ANALYST_REBUILD, "events-per-s", "rebuild replay events/s", PG_COPY, "events-per-s", "COPY rows/s");
        return ratios;
    }

    private static void add(List<Ratio> ratios, RunResults run, String scenario, String figure, String label,
            String baseline, String baselineFigure, String baselineLabel) {
        run.figure(scenario, figure).ifPresent(value -> run.figure(baseline, baselineFigure).ifPresent(limit ->
                ratios.add(new Ratio(label, value, baselineLabel, limit))));
    }
}
