package parley.edge.tracing;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class UntrustedTraceHeadersConfiguration {

    /** First of all filters: Spring Boot's server observation filter comes next (HIGHEST_PRECEDENCE + 1). */
    @Bean
    FilterRegistrationBean<UntrustedTraceHeaders> untrustedTraceHeaders() {
        FilterRegistrationBean<UntrustedTraceHeaders> registration = new FilterRegistrationBean<>(new UntrustedTraceHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
