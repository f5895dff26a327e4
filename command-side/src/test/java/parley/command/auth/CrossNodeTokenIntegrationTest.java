package parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import parley.local.Patience;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.CommandSideApplication;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;
import parley.command.testing.StompTestClient;
import parley.command.testing.TestUser;

/**
 * Two command-side nodes on one database and one Redis agree on tokens: a key rotated in on one is
 * accepted by the other, and a logout-all on one closes the user's session on the other.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossNodeTokenIntegrationTest {

    private static final Duration WAIT = Patience.scaled(Duration.ofSeconds(10));
    private static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "token-nodes");
    }

    @LocalServerPort
    int nodeAPort;
    @Autowired
    Environment environment;
    @Autowired
    SigningKeys nodeAKeys;

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aKeyRotatedOnOneNodeIsHonouredAndARevocationOnOneNodeClosesSessionsOnTheOther() throws Exception {
        nodeB = SecondNode.startLike(environment);
        String nodeBWs = "ws://127.0.0.1:" + ((WebServerApplicationContext) nodeB).getWebServer().getPort() + "/ws";
        ParleyHttp nodeA = new ParleyHttp("http://127.0.0.1:" + nodeAPort);
        TestUser user = nodeA.registerAndLogin("two-nodes");

        nodeAKeys.rotate();
        String underNewKey = nodeA.login(user).body().get("accessToken").asText();

        try (StompTestClient onB = StompTestClient.connect(nodeBWs, underNewKey)) {
            assertThat(onB.isConnected()).as("node B fetched the new key from the shared table").isTrue();

            assertThat(nodeA.exchange("/api/auth/logout-all", null, Map.of("Authorization", "Bearer " + underNewKey)).status())
                    .isEqualTo(204);

            assertThat(onB.nextError(WAIT)).as("closed through the Redis signal").isEqualTo("session revoked");
            assertThat(StompTestClient.refusedConnect(nodeBWs, underNewKey)).isEqualTo("invalid access token");
        }
    }
}
