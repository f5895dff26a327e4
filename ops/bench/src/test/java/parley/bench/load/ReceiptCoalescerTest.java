package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import parley.bench.load.ReceiptCoalescer.Receipt;

class ReceiptCoalescerTest {

    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ReceiptCoalescer receipts = new ReceiptCoalescer(WINDOW);

    @Test
    void theFirstMessageIsAcknowledgedAtOnce() {
        assertThat(receipts.received("c", 1, 0)).isEqualTo(new Receipt("c", 1));
    }

    @Test
    void messagesWithinTheWindowWaitAndLeaveAsOneReceiptForTheHighestSeq() {
        receipts.received("c", 1, 0);
        assertThat(receipts.received("c", 2, 10 * MS)).isNull();
        assertThat(receipts.received("c", 3, 20 * MS)).isNull();

        assertThat(receipts.due(100 * MS)).isEmpty();
        assertThat(receipts.due(250 * MS)).containsExactly(new Receipt("c", 3));
        assertThat(receipts.due(600 * MS)).isEmpty();
    }

    @Test
    void aMessageAfterAQuietWindowIsAcknowledgedAtOnceAgain() {
        receipts.received("c", 1, 0);
        assertThat(receipts.received("c", 2, 300 * MS)).isEqualTo(new Receipt("c", 2));
    }

    @Test
    void eachChatHasItsOwnWindow() {
        receipts.received("a", 1, 0);
        assertThat(receipts.received("b", 1, 10 * MS)).isEqualTo(new Receipt("b", 1));
        receipts.received("a", 2, 20 * MS);
        receipts.received("b", 2, 30 * MS);

        assertThat(receipts.due(255 * MS)).containsExactly(new Receipt("a", 2));
        assertThat(receipts.due(265 * MS)).containsExactly(new Receipt("b", 2));
    }

    @Test
    void aLowerOrRepeatedSeqSendsNothing() {
        receipts.received("c", 5, 0);
        assertThat(receipts.received("c", 3, 300 * MS)).isNull();
        assertThat(receipts.received("c", 5, 300 * MS)).isNull();
        assertThat(receipts.due(900 * MS)).isEmpty();
    }
}
