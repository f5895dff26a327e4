package parley.edge.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SecurityHeadersTest {

    private final SecurityHeaders filter = new SecurityHeaders(
            new SecurityHeadersProperties("default-src 'self'", "no-referrer", Duration.ofDays(365)));

    @Test
    void hardensEveryResponse() throws Exception {
        MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/anything"));

        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }

    @Test
    void announcesStrictTransportSecurityOverTls() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/chats");
        request.setSecure(true);

        assertThat(run(request).getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
