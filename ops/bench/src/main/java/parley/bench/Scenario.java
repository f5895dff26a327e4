package parley.bench;

/** One benchmark scenario against a running platform. */
public interface Scenario {

    String name();

    ScenarioResult run(Target target, Progress progress) throws Exception;
}
