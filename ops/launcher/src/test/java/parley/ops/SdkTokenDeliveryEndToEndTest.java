package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.client.auth.AuthApi;
import parley.client.auth.TokenGrant;
import parley.client.http.JsonHttp;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.TestUser;

/**
 * Issue 12, point 9, the SDK's side: browsers no longer get the refresh token in a body, so the Java
 * SDK asks for it at login and keeps refreshing by body, also over plain HTTP against the default
 * {@code Secure} cookies, which its cookie manager never sends back.
 */
@PlatformTest
class SdkTokenDeliveryEndToEndTest extends RunningPlatform {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "e2e-sdk-tokens");
    }

    @Test
    void theSdkGetsItsRefreshTokenAndKeepsRefreshingOverPlainHttpWithSecureCookies() {
        TestUser user = http.registerAndLogin("sdk");
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        JsonHttp json = new JsonHttp(HttpClient.newBuilder().cookieHandler(cookies).build(), URI.create(baseUrl()));
        AuthApi auth = new AuthApi(json, cookies, Clock.systemUTC());

        TokenGrant login = auth.login(user.username(), ParleyHttp.PASSWORD);
        TokenGrant first = auth.refresh(login);
        TokenGrant second = auth.refresh(first);

        assertThat(login.refreshToken()).as("asked for, so in the body").hasSize(43);
        assertThat(first.refreshToken()).isNotEqualTo(login.refreshToken()).hasSize(43);
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken()).hasSize(43);
        assertThat(http.get("/api/chats", second.accessToken()).status()).isEqualTo(200);
    }
}
