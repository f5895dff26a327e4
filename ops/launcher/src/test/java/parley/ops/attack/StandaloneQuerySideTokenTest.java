package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import parley.local.Patience;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.auth.SigningKeys;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.query.QuerySideApplication;

/**
 * A query side deployed on its own validates through the platform's JWKS URI: forged tokens are
 * refused, a rotated-in key is fetched on its first unknown {@code kid}, and a logout-all reaches it
 * through the shared database within its cache time.
 */
@PlatformTest
class StandaloneQuerySideTokenTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "standalone-query");
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    SigningKeys signingKeys;

    ConfigurableApplicationContext querySide;
    ParleyHttp platform;
    ParleyHttp standalone;

    @BeforeEach
    void startStandaloneQuerySide() {
        querySide = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--parley.query.read-datasource.maximum-pool-size=2",
                "--parley.query.jwk-set-uri=http://127.0.0.1:" + port + "/.well-known/jwks.json");
        platform = new ParleyHttp("http://127.0.0.1:" + port);
        standalone = new ParleyHttp("http://127.0.0.1:" + ((WebServerApplicationContext) querySide).getWebServer().getPort());
    }

    @AfterEach
    void stop() {
        querySide.close();
    }

    @Test
    void validatesLikeTheCommandSide() throws Exception {
        TestUser user = platform.registerAndLogin("standalone");
        assertThat(standalone.get("/api/chats", user.accessToken()).status()).isEqualTo(200);

        String unsigned = new PlainJWT(SignedJWT.parse(user.accessToken()).getJWTClaimsSet()).serialize();
        assertThat(standalone.get("/api/chats", unsigned).status()).isEqualTo(401);
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                SignedJWT.parse(user.accessToken()).getJWTClaimsSet());
        foreign.sign(new RSASSASigner(attacker));
        assertThat(standalone.get("/api/chats", foreign.serialize()).status()).isEqualTo(401);

        signingKeys.rotate();
        String underNewKey = platform.login(user).body().get("accessToken").asText();
        assertThat(standalone.get("/api/chats", underNewKey).status()).as("the new key is fetched by kid").isEqualTo(200);
        assertThat(standalone.get("/api/chats", user.accessToken()).status()).as("the previous key still published").isEqualTo(200);

        platform.exchange("/api/auth/logout-all", null, Map.of("Authorization", "Bearer " + underNewKey));
        await().atMost(Patience.scaled(Duration.ofSeconds(15))).until(() -> standalone.get("/api/chats", underNewKey).status() == 401);
        assertThat(standalone.get("/api/chats", user.accessToken()).status()).isEqualTo(401);
    }
}
