package parley.edge.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import parley.edge.clientip.ClientAddress;
import parley.edge.problem.ProblemResponses;
import parley.edge.time.ElapsedClock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** Before Spring Security's filter chain (order -100): floods are refused before any authentication work. */
    static final int CLIENT_IP_FILTER_ORDER = -110;

    /**
     * The local fallback's arrival times are on elapsed time, not the wall clock: keys used while the node's clock was
     * ahead would otherwise be refused, with a retry-after of the step, once it is set back.
     */
    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, RedissonClient redis, ObjectProvider<MeterRegistry> meters) {
        return RateLimiter.create(properties, redis, meters.getIfAvailable(SimpleMeterRegistry::new), ElapsedClock.system());
    }

    @Bean
    FilterRegistrationBean<ClientIpRateLimitFilter> clientIpRateLimitFilter(RateLimiter limiter, ClientAddress clientAddress,
            ProblemResponses problems) {
        FilterRegistrationBean<ClientIpRateLimitFilter> registration =
                new FilterRegistrationBean<>(new ClientIpRateLimitFilter(limiter, clientAddress, problems));
        registration.addUrlPatterns("/api/*", "/ws", "/ws/*");
        registration.setOrder(CLIENT_IP_FILTER_ORDER);
        return registration;
    }

    @Bean
    WebMvcConfigurer readsRateLimit(RateLimiter limiter, ProblemResponses problems) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ReadsRateLimitInterceptor(limiter, problems)).addPathPatterns("/api/**");
            }
        };
    }
}
