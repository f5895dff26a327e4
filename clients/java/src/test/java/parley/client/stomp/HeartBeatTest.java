package parley.client.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartBeatTest {

    @Test
    void eachDirectionUsesTheLargerOfWhatOneSideCanAndTheOtherWants() {
        HeartBeat negotiated = HeartBeat.negotiate("10000,10000", "5000,20000");

        assertThat(negotiated.sendEvery()).isEqualTo(Duration.ofSeconds(20));
        assertThat(negotiated.expectEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(negotiated.silenceLimit()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void zeroOnEitherSideMeansNoHeartBeatsThatWay() {
        assertThat(HeartBeat.negotiate("10000,10000", "0,0")).isEqualTo(HeartBeat.NONE);
        assertThat(HeartBeat.negotiate("10000,10000", null)).as("no header is 0,0").isEqualTo(HeartBeat.NONE);
        HeartBeat oneWay = HeartBeat.negotiate("0,10000", "3000,3000");
        assertThat(oneWay.sendEvery()).isZero();
        assertThat(oneWay.expectEvery()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theOfferIsMillisecondsCommaMilliseconds() {
        assertThat(HeartBeat.offer(Duration.ofSeconds(10), Duration.ofMillis(2500))).isEqualTo("10000,2500");
    }

    @Test
    void aMalformedHeaderIsAProtocolError() {
        assertThatThrownBy(() -> HeartBeat.negotiate("1,1", "soon")).isInstanceOf(StompProtocolException.class);
        assertThatThrownBy(() -> HeartBeat.negotiate("1,1", "1,x")).isInstanceOf(StompProtocolException.class);
    }
}
