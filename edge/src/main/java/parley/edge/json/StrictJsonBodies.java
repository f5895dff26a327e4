package parley.edge.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP JSON bodies are read as strictly as STOMP bodies: a field the endpoint does not know is an
 * error (a client that misspells {@code refreshToken} or sends a field it believes is honoured hears
 * so, instead of the server silently acting on less than was meant), and so is anything after the
 * JSON value. Only the converters' copy of the mapper is strict: events, Kafka records and stored
 * JSON keep the application's lenient one, so an added field never breaks a reader.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonBodies implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter json) {
                json.setObjectMapper(json.getObjectMapper().copy()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
            }
        }
    }
}
