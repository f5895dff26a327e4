package parley.client.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Hands out exactly the given byte strings in order, and fails on any other draw: how vectors are made. */
final class FixedRandomness implements Randomness {

    private final Deque<byte[]> draws;

    FixedRandomness(List<byte[]> draws) {
        this.draws = new ArrayDeque<>(draws);
    }

    @Override
    public void nextBytes(byte[] into) {
        byte[] next = draws.poll();
        assertThat(next).as("a draw of " + into.length + " bytes beyond the fixed ones").isNotNull();
        assertThat(next).as("the next fixed draw").hasSize(into.length);
        System.arraycopy(next, 0, into, 0, into.length);
    }

    void assertAllDrawn() {
        assertThat(draws).as("fixed draws not used").isEmpty();
    }
}
