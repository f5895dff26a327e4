package parley.bench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import parley.bench.analyst.AnalystScenario;
import parley.bench.crash.CrashScenario;
import parley.bench.ScenarioResult;

/** A run's scenario results, in the order they ran, looked up by scenario and figure name. */
final class RunResults {

    static final String PRIVATE_MAX = "a-private-max";
    static final String PRIVATE_LATENCY = "a-private-latency";
    static final String PRIVATE_HALF_RATE = "a-private-half-rate";
    static final String GROUP_10 = "b-group-10";
    static final String GROUP_500 = "b-group-500";
    static final String IDLE_SESSIONS = "c-idle-sessions";
    static final String HISTORY = "d-history";
    static final String COLD_START = "e-cold-start";
    static final String CRASH = CrashScenario.NAME;
    static final String PGBENCH = "baseline-pgbench";
    static final String KAFKA = "baseline-kafka";
    static final String PG_COPY = AnalystScenario.COPY;
    static final String ANALYST_EXPORT_JSONL = AnalystScenario.EXPORT_JSONL;
    static final String ANALYST_EXPORT_PARQUET = AnalystScenario.EXPORT_PARQUET;
    static final String ANALYST_REBUILD = AnalystScenario.REBUILD;
    static final String ANALYST_STATE = AnalystScenario.STATE;

    private final List<ScenarioResult> results = new ArrayList<>();

    void add(ScenarioResult result) {
        results.add(result);
    }

    List<ScenarioResult> all() {
        return Collections.unmodifiableList(results);
    }

    Optional<ScenarioResult> scenario(String name) {
        return results.stream().filter(result -> result.scenario().equals(name)).findFirst();
    }

    Optional<Double> figure(String scenario, String figure) {
        return scenario(scenario).flatMap(result -> result.figures().stream().filter(f -> f.name().equals(figure)).findFirst())
                .map(f -> f.value());
    }

    long lost() {
        return results.stream().mapToLong(ScenarioResult::lost).sum();
    }

    long duplicated() {
        return results.stream().mapToLong(ScenarioResult::duplicated).sum();
    }

    long errors() {
        return results.stream().mapToLong(ScenarioResult::errors).sum();
    }
}
