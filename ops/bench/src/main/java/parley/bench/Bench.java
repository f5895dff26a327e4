package parley.bench;

/** {@code java -jar parley-bench.jar}: see ops/bench/README.md. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        throw new UnsupportedOperationException("orchestration comes next");
    }
}
