package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.ops.PlatformTest;

/** Behind a trusted proxy (here the test itself, on 127.0.0.1), the forwarded client address is the key. */
@PlatformTest
class TrustedProxyForwardedForTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "trusted_proxy");
        registry.add("parley.client-ip.trusted-proxies", () -> "127.0.0.1/32");
        registry.add("parley.ratelimit.classes.ip.limit", () -> 5);
        registry.add("parley.ratelimit.classes.ip.period", () -> "1m");
    }

    @LocalServerPort
    int port;

    @Test
    void eachForwardedClientHasItsOwnLimit() {
        ParleyHttp http = new ParleyHttp("http://127.0.0.1:" + port);
        HttpHeaders client = RateLimitAttackTest.forwardedFor(1);
        for (int request = 1; request <= 5; request++) {
            assertThat(http.get("/api/chats", null, client).status()).isEqualTo(401);
        }
        assertThat(http.get("/api/chats", null, client).status()).isEqualTo(429);

        ParleyHttp.Response otherClient = http.get("/api/chats", null, RateLimitAttackTest.forwardedFor(2));
        assertThat(otherClient.status()).as("another client behind the same proxy").isEqualTo(401);
        assertThat(otherClient.headers().getFirst("RateLimit-Remaining")).isEqualTo("4");
        HttpHeaders spoofedThroughProxy = new HttpHeaders();
        spoofedThroughProxy.set("X-Forwarded-For", "203.0.113.50, " + client.getFirst("X-Forwarded-For"));
        assertThat(http.get("/api/chats", null, spoofedThroughProxy).status())
                .as("what the client wrote left of the proxy's entry is ignored").isEqualTo(429);
    }
}
