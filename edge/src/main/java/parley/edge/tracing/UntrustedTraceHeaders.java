package parley.edge.tracing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides trace-context headers ({@code traceparent}, {@code tracestate}, {@code baggage}, B3) of
 * requests from everything after this filter, Spring Boot's HTTP server observation above all,
 * which would otherwise continue the caller's trace. A client is untrusted: with them it could put
 * its requests (and the events they append) into another user's trace, or make the server's logs
 * show a trace id of its choosing. Every request starts a new trace here, as every STOMP command
 * does.
 */
class UntrustedTraceHeaders extends OncePerRequestFilter {

    static final Set<String> HIDDEN = Set.of("traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid",
            "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new WithoutTraceHeaders(request), response);
    }

    private static boolean hidden(String name) {
        return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final class WithoutTraceHeaders extends HttpServletRequestWrapper {

        WithoutTraceHeaders(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(name -> !hidden(name)).toList());
        }
    }
}
