package parley.bench.load;

import java.util.function.Supplier;

/**
 * Sees a {@link LoadScenario} from outside while it runs: told when the sends begin (after the users, sessions and
 * chats are set up) and when the run has drained. The soak measures its windows with it; the benchmark needs none.
 */
public interface LoadWatcher {

    LoadWatcher NONE = new LoadWatcher() {
        @Override
        public void loadStarted(Supplier<LoadSnapshot> snapshots) {
        }

        @Override
        public void loadEnded() {
        }
    };

    /** Just before the first send; {@code snapshots} may be called from any thread until {@link #loadEnded()} returns. */
    void loadStarted(Supplier<LoadSnapshot> snapshots) throws InterruptedException;

    /** After the last send and the drain (replies and deliveries awaited), before the sessions close. */
    void loadEnded() throws InterruptedException;
}
