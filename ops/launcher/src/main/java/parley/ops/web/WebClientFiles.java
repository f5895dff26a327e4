package parley.ops.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * CDN-ready caching: every file under {@code /assets/} has a content hash in its name, so it never
 * changes and may be kept for a year; {@code index.html} names the current ones, so it is revalidated
 * on every load (its ETag makes that a 304 when nothing changed).
 */
@Configuration(proxyBeanMethods = false)
class WebClientFiles implements WebMvcConfigurer {

    static final String INDEX = "classpath:/parley-web/index.html";
    private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/parley-web/assets/")
                .setCacheControl(IMMUTABLE);
    }

    @Bean
    RouterFunction<ServerResponse> webClientIndex() {
        byte[] page = index();
        String etag = "\"" + sha256(page) + "\"";
        RequestPredicate read = RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.HEAD));
        RequestPredicate index = RequestPredicates.path("/").or(RequestPredicates.path("/index.html"));
        return RouterFunctions.route(read.and(index),
                request -> request.checkNotModified(etag).orElseGet(() -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.noCache())
                        .eTag(etag)
                        .body(page)));
    }

    private static byte[] index() {
        try (var in = new ClassPathResource("parley-web/index.html").getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the web client's index.html is unreadable", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
