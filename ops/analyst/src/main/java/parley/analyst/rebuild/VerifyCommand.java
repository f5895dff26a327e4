package parley.analyst.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import parley.analyst.EventPayloads;
import parley.analyst.EventStoreConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./parley analyst verify}: see {@link Verify}. Exit code 1 when the live tables differ. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compares the live read tables with a fresh replay of the event store and prints the differences.")
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    private EventStoreConnection store;

    @Option(names = "--settle", defaultValue = "PT10S",
            description = "how long a difference may last (the live tables trail the store a moment) before it counts; default ${DEFAULT-VALUE}")
    private Duration settle;

    @Option(names = "--samples", defaultValue = "5", description = "rows shown per differing table and side; default ${DEFAULT-VALUE}")
    private int samples;

    @Override
    public Integer call() throws Exception {
        try (EventStoreConnection connection = store) {
            List<String> differences = new Verify(store::open, EventPayloads.standard(), System.err).run(settle, samples);
            if (differences.isEmpty()) {
                System.out.println("the live read tables equal a fresh replay of the event store");
                return 0;
            }
            differences.forEach(System.out::println);
            return 1;
        }
    }
}
