package parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import parley.local.Patience;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;

/**
 * The node rotates the signing key by itself when it is due, publishes the previous key while its
 * tokens may live, and then drops it. Here keys are due after four seconds and tokens live two.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScheduledKeyRotationIntegrationTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "key-rotation");
        registry.add("parley.jwt.rotation-interval", () -> "4s");
        registry.add("parley.jwt.key-refresh-interval", () -> "500ms");
        registry.add("parley.jwt.access-token-ttl", () -> "2s");
        registry.add("parley.jwt.clock-skew", () -> "0s");
    }

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys signingKeys;

    @Test
    void aDueKeyIsReplacedAndTheRetiredKeyLeavesTheKeySetOnceItsTokensExpired() {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        String first = signingKeys.signingKey().getKeyID();

        await().atMost(Patience.scaled(Duration.ofSeconds(15))).until(() -> !signingKeys.signingKey().getKeyID().equals(first));
        String second = signingKeys.signingKey().getKeyID();
        List<String> published = publishedKids(http);

        assertThat(published).contains(second);
        await().atMost(Patience.scaled(Duration.ofSeconds(10))).until(() -> !publishedKids(http).contains(first));
        assertThat(publishedKids(http)).hasSizeLessThanOrEqualTo(2);
    }

    private static List<String> publishedKids(ParleyHttp http) {
        return http.get("/.well-known/jwks.json", null).body().get("keys").findValuesAsText("kid");
    }
}
