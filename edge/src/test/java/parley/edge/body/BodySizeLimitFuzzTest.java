package parley.edge.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import parley.edge.problem.ProblemResponses;

/**
 * Fuzzes the request-body limit with any body size, declared length (true, false or absent) and read
 * pattern: a declared length over the limit is answered 413 before the body is touched; otherwise the
 * application reads at most the limit, and reading past it fails (the request fails as a client error).
 */
class BodySizeLimitFuzzTest {

    @Property(tries = 300)
    void noRequestGetsMoreThanTheLimitIntoTheApplication(@ForAll @IntRange(min = 0, max = 300) int limit,
            @ForAll @IntRange(min = 0, max = 600) int bodySize, @ForAll @IntRange(min = -1, max = 600) int declared,
            @ForAll @IntRange(min = 1, max = 64) int chunk) throws Exception {
        ProblemResponses problems = mock(ProblemResponses.class);
        BodySizeLimit filter = new BodySizeLimit(new BodySizeProperties(DataSize.ofBytes(limit)), problems);
        // The declared length as the container reports it: true, false or absent (-1, a chunked body).
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login") {
            @Override
            public long getContentLengthLong() {
                return declared;
            }
        };
        request.setContent(new byte[bodySize]);
        long[] read = {0};
        boolean[] failed = {false};
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
        }, (req, res, next) -> {
            ServletInputStream in = req.getInputStream();
            byte[] buffer = new byte[chunk];
            try {
                for (int n; (n = chunk == 1 ? single(in, buffer) : in.read(buffer, 0, chunk)) > 0; ) {
                    read[0] += n;
                }
            } catch (IOException e) {
                failed[0] = true;
            }
        });

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        if (declared > limit) {
            verify(problems).write(any(), eq(HttpStatus.PAYLOAD_TOO_LARGE), anyString(), anyString());
            assertThat(read[0]).isZero();
        } else {
            assertThat(read[0]).as("bytes the application got").isLessThanOrEqualTo(limit);
            assertThat(failed[0]).as("reading failed exactly when the body is over the limit").isEqualTo(bodySize > limit);
            assertThat(read[0]).as("all of a body within the limit is read").isEqualTo(bodySize > limit ? read[0] : bodySize);
        }
    }

    private static int single(ServletInputStream in, byte[] buffer) throws IOException {
        int b = in.read();
        return b < 0 ? -1 : 1;
    }
}
