package parley.query.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import parley.edge.problem.ProblemResponses;

/**
 * Every {@code /api/**} read needs a valid access token (bearer header, or a browser's access cookie);
 * failures are problem details.
 */
@Configuration(proxyBeanMethods = false)
class QuerySideSecurity {

    private final ProblemResponses problems;

    QuerySideSecurity(ProblemResponses problems) {
        this.problems = problems;
    }

    @Bean
    @Order(100)
    SecurityFilterChain queryApi(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new AccessTokenResolver())
                        .jwt(jwt -> { })
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "a valid bearer access token is required"))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN, "access denied")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "a valid bearer access token is required")))
                .build();
    }

    private void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        problems.write(response, ProblemDetail.forStatusAndDetail(status, detail));
    }
}
