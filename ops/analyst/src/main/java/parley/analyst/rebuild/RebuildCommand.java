package parley.analyst.rebuild;

import java.util.concurrent.Callable;
import parley.analyst.EventPayloads;
import parley.analyst.EventStoreConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./parley analyst rebuild}: see {@link Rebuild} and docs/analysts.md. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Replays every event into a new read-model generation while the platform keeps serving, verifies it",
                "against a second replay, and switches the query side to it with no failed read.",
                "Never pushes anything to connected clients."})
public final class RebuildCommand implements Callable<Integer> {

    @Mixin
    private EventStoreConnection store;

    @Option(names = "--drop-previous", description = "drop the generation that was live before, once the switch is done")
    private boolean dropPrevious;

    @Option(names = "--drop", paramLabel = "SCHEMA",
            description = "only drop this generation (one that is not live, e.g. read_g2 or public), then exit")
    private String drop;

    @Override
    public Integer call() throws Exception {
        try (EventStoreConnection connection = store) {
            Rebuild rebuild = new Rebuild(store::open, EventPayloads.standard(), System.err);
            if (drop != null) {
                rebuild.drop(drop);
                System.out.println("dropped " + drop);
                return 0;
            }
            try {
                Rebuild.Result result = rebuild.run(dropPrevious);
                System.out.printf("read model: %s -> %s at position %,d%s%n", result.previous().schema(), result.next().schema(),
                        result.position(), result.previousDropped() ? " (previous dropped)" : " (previous kept)");
                System.out.println(result.replaySummary());
                return 0;
            } catch (Rebuild.VerificationFailed e) {
                System.out.println(e.getMessage());
                e.differences().forEach(System.out::println);
                return 1;
            }
        }
    }
}
