package parley.query.read;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.edge.breaker.BreakerSettings;
import parley.query.QueryProperties;

/** Replica settings that cannot work stop the start, before any connection is opened. */
class ReplicaSettingsTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:1/none";

    @Test
    void aReplicaWithoutUrlIsRefused() {
        assertThatThrownBy(() -> open(new QueryProperties.Replica("near", " ", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("near").hasMessageContaining("no url");
    }

    @Test
    void aReplicaNamedLikeThePrimaryOrLikeAnotherReplicaIsRefused() {
        assertThatThrownBy(() -> open(new QueryProperties.Replica("primary", URL, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taken");
        assertThatThrownBy(() -> open(new QueryProperties.Replica(null, URL, null, null),
                new QueryProperties.Replica("replica-0", URL, null, null)))
                .as("the default name of the first replica").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replica-0 is taken");
    }

    private static void open(QueryProperties.Replica... replicas) {
        QueryProperties settings = new QueryProperties(new QueryProperties.ReadDatasource(URL, "postgres", "", 1),
                List.of(replicas), new QueryProperties.ReplicaRouting(Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofSeconds(1), new BreakerSettings(50, 10, 3, Duration.ofSeconds(10))),
                new QueryProperties.ReadYourWrites(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(20), 1000, 2),
                null, "parley", "parley", Duration.ofSeconds(30), Duration.ofSeconds(5));
        new ReadDatabase(settings, new SimpleMeterRegistry()).close();
    }
}
