package parley.edge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class UntrustedTraceHeadersTest {

    @Test
    void traceHeadersAreHiddenFromWhatComesAfterAndOtherHeadersAreNot() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/register");
        request.addHeader("TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.addHeader("tracestate", "vendor=x");
        request.addHeader("baggage", "user=someone-else");
        request.addHeader("X-B3-TraceId", "0af7651916cd43dd8448eb211c80319c");
        request.addHeader("Authorization", "Bearer token");
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

        new UntrustedTraceHeaders().doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));

        HttpServletRequest after = seen.get();
        assertThat(after.getHeader("traceparent")).isNull();
        assertThat(after.getHeader("TRACEPARENT")).isNull();
        assertThat(Collections.list(after.getHeaders("baggage"))).isEmpty();
        assertThat(after.getHeader("x-b3-traceid")).isNull();
        assertThat(Collections.list(after.getHeaderNames())).containsExactly("Authorization");
        assertThat(after.getHeader("Authorization")).isEqualTo("Bearer token");
    }
}
