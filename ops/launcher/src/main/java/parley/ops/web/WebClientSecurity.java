package parley.ops.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The page and its assets are public GETs (the page signs in itself). A chain of their own, so no
 * service chain (the query side's {@code /api/**} one, say) ever has to know about them; ordered before
 * all of them. No session, no CSRF token: nothing here changes state.
 */
@Configuration(proxyBeanMethods = false)
class WebClientSecurity {

    @Bean
    @Order(5)
    SecurityFilterChain webClientFiles(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/", "/index.html", "/assets/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
