package parley.edge.apidocs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI document is public, as a published API contract is: it is the file committed in the
 * repository, and says nothing about users or data. A chain of its own, before the query side's
 * {@code /api/**} one (which would ask for a token), matching the document's two spellings only; it
 * lets GETs through and nothing else. The per-address rate limit of {@code /api} applies to it as to
 * every other path.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

    static final String PATH = "/api/openapi.json";

    @Bean
    @Order(8)
    SecurityFilterChain apiDocuments(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(PATH, PATH + ".yaml")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
