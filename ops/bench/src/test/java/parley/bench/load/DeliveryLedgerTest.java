package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void everyAcknowledgedMessageDeliveredOnceToEveryOtherMemberIsComplete() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] {3});
        ledger.acknowledged(0, 0, 1);
        ledger.acknowledged(0, 2, 2);
        ledger.delivered(0, 1, 1);
        ledger.delivered(0, 2, 1);
        ledger.delivered(0, 0, 2);
        ledger.delivered(0, 1, 2);

        assertThat(ledger.expected()).isEqualTo(4);
        assertThat(ledger.missing()).isZero();
        assertThat(ledger.duplicated()).isZero();
    }

    @Test
    void aRecipientWithoutTheMessageCountsAsLostButTheSenderNeverDoes() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] {2, 3});
        ledger.acknowledged(0, 0, 1);
        ledger.acknowledged(1, 1, 1);
        ledger.delivered(1, 0, 1);

        assertThat(ledger.missing()).isEqualTo(2); // chat 0's member 1, chat 1's member 2
    }

    @Test
    void aSecondDeliveryOfTheSameSeqToTheSameRecipientIsADuplicate() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] {2});
        ledger.acknowledged(0, 0, 7);

        assertThat(ledger.delivered(0, 1, 7)).isTrue();
        assertThat(ledger.delivered(0, 1, 7)).isFalse();
        assertThat(ledger.delivered(0, 1, 7)).isFalse();

        assertThat(ledger.duplicated()).isEqualTo(2);
        assertThat(ledger.missing()).isZero();
    }

    @Test
    void aDeliveryMayComeBeforeItsAcknowledgement() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] {2});
        ledger.delivered(0, 1, 1);
        ledger.acknowledged(0, 0, 1);

        assertThat(ledger.missing()).isZero();
    }

    @Test
    void deliveriesOfMessagesNeverAcknowledgedAreNeitherExpectedNorLost() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] {2});
        ledger.delivered(0, 1, 1);

        assertThat(ledger.expected()).isZero();
        assertThat(ledger.missing()).isZero();
    }

    @Test
    void theMissingDeliveriesAreNamedByChatRecipientAndSeq() {
        DeliveryLedger ledger = new DeliveryLedger(new int[] {2, 3});
        ledger.acknowledged(0, 0, 1);
        ledger.acknowledged(1, 2, 5);
        ledger.delivered(1, 0, 5);

        assertThat(ledger.missingDeliveries(10)).containsExactly(new DeliveryLedger.Missing(0, 1, 1),
                new DeliveryLedger.Missing(1, 1, 5));
        assertThat(ledger.missingDeliveries(1)).hasSize(1);
        assertThat(ledger.missingDeliveries(10)).hasSize((int) ledger.missing());
    }
}
