package parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void aPrivateChatIdIsTheSameForBothOrderings() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(Ids.privateChatId(a, b)).isEqualTo(Ids.privateChatId(b, a));
        assertThat(Ids.privateChatId(a, b)).isNotEqualTo(Ids.privateChatId(a, UUID.randomUUID()));
    }

    @Test
    void aChatWithYourselfHasNoId() {
        UUID a = UUID.randomUUID();
        assertThatThrownBy(() -> Ids.privateChatId(a, a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPairIsOrderedTheSameForBothOrderings() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID b = UUID.fromString("00000000-0000-0000-0000-000000000002");
        // Signed order: a most significant bit set orders first.
        UUID negative = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertThat(UserPair.of(b, a)).isEqualTo(UserPair.of(a, b)).isEqualTo(new UserPair(a, b));
        assertThat(UserPair.of(a, negative).low()).isEqualTo(negative);
        assertThatThrownBy(() -> UserPair.of(a, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserPair(b, a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupIdIsTheSameForTheSameCreatorAndClientCommandIdOnly() {
        UUID creator = UUID.randomUUID();
        assertThat(Ids.groupId(creator, "create-1")).isEqualTo(Ids.groupId(creator, "create-1"));
        assertThat(Ids.groupId(creator, "create-1")).isNotEqualTo(Ids.groupId(creator, "create-2"))
                .isNotEqualTo(Ids.groupId(UUID.randomUUID(), "create-1"));
        assertThat(Ids.groupId(creator, "create-1").version()).isEqualTo(3);
    }

    @Test
    void uuid7IsVersion7AndTimeOrdered() throws InterruptedException {
        UUID first = Ids.uuid7();
        Thread.sleep(2);
        UUID second = Ids.uuid7();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits())).isNegative();
    }

    @Test
    void anEnvelopeKeepsItsJsonAndMeasuresItsBytes() {
        Envelope envelope = new Envelope("{\"t\":\"é\"}");
        assertThat(envelope.sizeInBytes()).isEqualTo(10);
    }
}
