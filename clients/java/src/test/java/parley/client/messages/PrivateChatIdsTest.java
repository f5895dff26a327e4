package parley.client.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrivateChatIdsTest {

    @Test
    void bothOrdersOfThePairGiveTheNameBasedIdOfLowThenHigh() {
        String low = "00000000-0000-7000-8000-00000000000a";
        String high = "00000000-0000-7000-8000-00000000000b";
        String expected = UUID.nameUUIDFromBytes(("parley:private-chat:" + low + ":" + high)
                .getBytes(StandardCharsets.UTF_8)).toString();

        assertThat(PrivateChatIds.of(low, high)).isEqualTo(expected);
        assertThat(PrivateChatIds.of(high, low)).isEqualTo(expected);
    }

    @Test
    void idsAreOrderedAsSignedNumbersAsTheServerOrdersThem() {
        String negative = "80000000-0000-4000-8000-000000000000";
        String positive = "10000000-0000-4000-8000-000000000000";
        String expected = UUID.nameUUIDFromBytes(("parley:private-chat:" + negative + ":" + positive)
                .getBytes(StandardCharsets.UTF_8)).toString();

        assertThat(PrivateChatIds.of(positive, negative)).isEqualTo(expected);
    }

    @Test
    void aChatWithOneselfIsRefused() {
        assertThatThrownBy(() -> PrivateChatIds.of("10000000-0000-4000-8000-000000000000", "10000000-0000-4000-8000-000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
