package parley.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import parley.edge.breaker.BreakerSettings;

/** The replica settings' defaults are the documented ones, and the README's environment variables set them. */
class QueryPropertiesBindingTest {

    @Test
    void withoutReplicasEveryReadGoesToThePrimaryAndTheWaitsAreTheDocumentedOnes() throws IOException {
        QueryProperties properties = bind(Map.of());

        assertThat(properties.replicas()).isEmpty();
        assertThat(properties.replicaRouting()).isEqualTo(new QueryProperties.ReplicaRouting(Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(1), new BreakerSettings(50, 10, 3, Duration.ofSeconds(10))));
        assertThat(properties.readYourWrites()).isEqualTo(new QueryProperties.ReadYourWrites(Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofMillis(20), 1000, 2));
    }

    @Test
    void replicasAreListedByIndexInTheEnvironment() throws IOException {
        QueryProperties properties = bind(Map.of(
                "PARLEY_QUERY_REPLICAS_0_URL", "jdbc:postgresql://replica-a:5432/parley",
                "PARLEY_QUERY_REPLICAS_0_NAME", "zone-a",
                "PARLEY_QUERY_REPLICAS_1_URL", "jdbc:postgresql://replica-b:5432/parley",
                "PARLEY_QUERY_REPLICAS_1_USERNAME", "reader",
                "PARLEY_QUERY_REPLICAS_1_PASSWORD", "secret",
                "PARLEY_QUERY_REPLICA_ROUTING_MAX_LAG", "5s",
                "PARLEY_QUERY_READ_YOUR_WRITES_PRIMARY_WAIT", "1s"));

        assertThat(properties.replicas()).containsExactly(
                new QueryProperties.Replica("zone-a", "jdbc:postgresql://replica-a:5432/parley", null, null),
                new QueryProperties.Replica(null, "jdbc:postgresql://replica-b:5432/parley", "reader", "secret"));
        assertThat(properties.replicaRouting().maxLag()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.readYourWrites().primaryWait()).isEqualTo(Duration.ofSeconds(1));
    }

    private static QueryProperties bind(Map<String, Object> environmentVariables) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environmentVariables));
        sources.addLast(new ResourcePropertySource(new ClassPathResource("parley-query.properties")));
        return new Binder(ConfigurationPropertySources.from(sources)).bind("parley.query", QueryProperties.class).get();
    }
}
