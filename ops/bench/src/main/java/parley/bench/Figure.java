package parley.bench;

/** One measured figure, as it goes into the results JSON and the rows of docs/benchmarks.md. */
public record Figure(String name, double value, String unit) {
}
