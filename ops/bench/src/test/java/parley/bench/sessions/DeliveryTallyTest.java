package parley.bench.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTallyTest {

    @Test
    void countsMissingAndRepeatedDeliveriesPerSession() {
        DeliveryTally tally = new DeliveryTally();
        tally.sending("m1", 0, 3);
        tally.received(1, "m1", 2_000_000);
        tally.received(2, "m1", 4_000_000);
        tally.received(2, "m1", 5_000_000);

        assertThat(tally.expected()).isEqualTo(3);
        assertThat(tally.lost()).isEqualTo(1);
        assertThat(tally.duplicated()).isEqualTo(1);
        assertThat(tally.latencyMicros().getTotalCount()).isEqualTo(2);
        assertThat(tally.latencyMicros().getMaxValue()).isBetween(3_990L, 4_010L);
    }

    @Test
    void aRefusedSendExpectsNothingAndForeignMessagesAreIgnored() {
        DeliveryTally tally = new DeliveryTally();
        tally.sending("m1", 0, 2);
        tally.notSent("m1");
        tally.received(1, "not-ours", 1);

        assertThat(tally.expected()).isZero();
        assertThat(tally.lost()).isZero();
        assertThat(tally.latencyMicros().getTotalCount()).isZero();
    }
}
