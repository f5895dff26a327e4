package parley.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import parley.edge.clientip.ClientIpProperties;

/** The defaults file binds, and the environment variables the README documents override it. */
class RateLimitPropertiesBindingTest {

    @Test
    void defaultsAreTheDocumentedOnes() throws IOException {
        RateLimitProperties properties = bind(Map.of()).bind("parley.ratelimit", RateLimitProperties.class).get();
        assertThat(properties.enabled()).isTrue();
        assertThat(properties.classes().ip()).isEqualTo(new RateLimitProperties.Limit(100, Duration.ofMinutes(1)));
        assertThat(properties.classes().login()).isEqualTo(new RateLimitProperties.Limit(5, Duration.ofMinutes(5)));
        assertThat(properties.classes().send()).isEqualTo(new RateLimitProperties.Limit(30, Duration.ofSeconds(10)));
        assertThat(properties.classes().reads()).isEqualTo(new RateLimitProperties.Limit(300, Duration.ofMinutes(1)));
        assertThat(properties.redisTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(bind(Map.of()).bind("parley.client-ip", ClientIpProperties.class).get().trustedProxies()).isEmpty();
    }

    @Test
    void theDocumentedEnvironmentVariablesOverrideThem() throws IOException {
        Binder binder = bind(Map.of(
                "PARLEY_RATELIMIT_CLASSES_LOGIN_LIMIT", "10",
                "PARLEY_RATELIMIT_CLASSES_LOGIN_PERIOD", "15m",
                "PARLEY_RATELIMIT_KEY_PREFIX", "prod:rl",
                "PARLEY_RATELIMIT_REDIS_TIMEOUT", "100ms",
                "PARLEY_RATELIMIT_BREAKER_OPEN_DURATION", "30s",
                "PARLEY_CLIENT_IP_TRUSTED_PROXIES", "10.0.0.0/8,192.168.0.0/16"));
        RateLimitProperties properties = binder.bind("parley.ratelimit", RateLimitProperties.class).get();
        assertThat(properties.classes().login()).isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(15)));
        assertThat(properties.keyPrefix()).isEqualTo("prod:rl");
        assertThat(properties.redisTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.breaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(binder.bind("parley.client-ip", ClientIpProperties.class).get().trustedProxies())
                .isEqualTo(List.of("10.0.0.0/8", "192.168.0.0/16"));
    }

    private static Binder bind(Map<String, Object> environmentVariables) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environmentVariables));
        sources.addLast(new ResourcePropertySource(new ClassPathResource("parley-edge.properties")));
        return new Binder(ConfigurationPropertySources.from(sources));
    }
}
