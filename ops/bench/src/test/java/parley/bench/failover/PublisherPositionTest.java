package parley.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublisherPositionTest {

    @Test
    void readsTheIndexOfAJsonOrXmlToken() {
        assertThat(PublisherPosition.indexOf("{\"index\":1234,\"gaps\":[1200]}")).isEqualTo(1234);
        assertThat(PublisherPosition.indexOf("<org.axonframework.eventhandling.GapAwareTrackingToken><index>77</index>"
                + "<gaps class=\"java.util.concurrent.ConcurrentSkipListSet\"/></org.axonframework.eventhandling.GapAwareTrackingToken>"))
                .isEqualTo(77);
    }

    @Test
    void noTokenIsMinusOneAndEverythingBehind() {
        assertThat(PublisherPosition.indexOf(null)).isEqualTo(-1);
        assertThat(PublisherPosition.indexOf("{\"gaps\":[]}")).isEqualTo(-1);
        assertThat(new PublisherPosition(-1, null, 9).behind()).isEqualTo(10);
        assertThat(new PublisherPosition(7, "node", 9).behind()).isEqualTo(2);
    }
}
