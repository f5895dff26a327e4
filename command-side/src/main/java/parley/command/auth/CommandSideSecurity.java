package parley.command.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The command side's public endpoints: sign-up, login, the key set and the WebSocket handshake
 * (STOMP authenticates on its CONNECT frame, see {@code parley.command.stomp}).
 */
@Configuration(proxyBeanMethods = false)
class CommandSideSecurity {

    @Bean
    @Order(10)
    SecurityFilterChain commandSideEndpoints(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/auth/**", "/.well-known/**", "/ws", "/ws/**", "/actuator/health/**", "/actuator/health",
                        "/actuator/prometheus", "/error")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
