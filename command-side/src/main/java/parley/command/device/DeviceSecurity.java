package parley.command.device;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import parley.edge.problem.ProblemResponses;

/**
 * {@code /api/devices/**} changes the caller's own devices, so it needs a valid bearer access token
 * (the user is its subject). Bearer only, no cookie: these are writes, and a header cannot be
 * forged cross-site. Ordered before the query side's {@code /api/**} chain when both run in one process.
 */
@Configuration(proxyBeanMethods = false)
class DeviceSecurity {

    @Bean
    @Order(11)
    SecurityFilterChain deviceEndpoints(HttpSecurity http, ProblemResponses problems) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "a valid bearer access token is required");
        };
        return http
                .securityMatcher("/api/devices/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> { }).authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .build();
    }
}
