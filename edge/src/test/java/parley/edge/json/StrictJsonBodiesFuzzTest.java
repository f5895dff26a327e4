package parley.edge.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * Fuzzes how every REST endpoint reads its JSON body: the strict converter of {@link StrictJsonBodies}
 * reads a request record from text built of JSON tokens, well-formed and not (wrong types, unknown
 * fields, huge numbers, lone surrogates, truncation, trailing tokens). It binds, or it fails with
 * {@link HttpMessageNotReadableException}, which {@link UnreadableBodies} turns into a 400 problem
 * that can itself be written as JSON: never another exception (Spring would answer 500).
 */
class StrictJsonBodiesFuzzTest {

    enum Role { MEMBER, ADMIN }

    record Inner(String deviceId, List<UUID> ids) {
    }

    record Request(String username, UUID userId, Long seq, int limit, boolean flag, Role role, Inner inner, List<String> names) {
    }

    private static final com.fasterxml.jackson.databind.ObjectReader ONE_VALUE = new ObjectMapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final MappingJackson2HttpMessageConverter converter = strictConverter();
    private final ObjectMapper problemWriter = Jackson2ObjectMapperBuilder.json().build();

    @Property(tries = 2000)
    void everyBodyBindsOrIsA400ProblemThatCanBeWritten(@ForAll("bodies") String body) {
        try {
            converter.read(Request.class, new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8)));
            assertThatCode(() -> ONE_VALUE.readTree(body.getBytes(StandardCharsets.UTF_8))).as("a bound body is exactly one JSON value").doesNotThrowAnyException();
        } catch (HttpMessageNotReadableException unreadable) {
            ProblemDetail problem = new UnreadableBodies().unreadable(unreadable);
            assertThat(problem.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
            assertThat(problem.getDetail()).isNotBlank();
            assertThatCode(() -> problemWriter.writeValueAsBytes(problem)).as("the problem is written as the response")
                    .doesNotThrowAnyException();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a 400: " + e, e);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "1", "-1", "1.5", "1e999", "-0",
                        "99999999999999999999999999", "NaN", "\"\\uD800\"", "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"x\"",
                        "\"" + UUID.randomUUID() + "\"", "\"ADMIN\"", "\"admin\"", "\"not-a-uuid\"", "\"1\"", "[]", "{}",
                        "//", "'", "\\", "\u0000", "\uFEFF", " ", "\n"),
                Arbitraries.of("username", "userId", "seq", "limit", "flag", "role", "inner", "names", "deviceId", "ids",
                        "unknown", "\\uD800", "", "__proto__").map(name -> "\"" + name + "\":"),
                Arbitraries.strings().all().ofMaxLength(6).map(s -> "\"" + s + "\""));
        Arbitrary<String> wellFormed = Arbitraries.of(
                "{\"username\":\"a\",\"userId\":\"" + UUID.randomUUID() + "\",\"seq\":1,\"limit\":2,\"flag\":true,"
                        + "\"role\":\"ADMIN\",\"inner\":{\"deviceId\":\"d\",\"ids\":[]},\"names\":[\"n\"]}");
        return Arbitraries.oneOf(
                token.list().ofMaxSize(30).map(tokens -> String.join("", tokens)),
                Arbitraries.integers().between(0, 400).flatMap(cut -> wellFormed.map(w -> w.substring(0, Math.min(cut, w.length())))),
                Arbitraries.integers().between(0, 200).flatMap(at -> token.list().ofMaxSize(3).flatMap(inserted ->
                        wellFormed.map(w -> {
                            int i = Math.min(at, w.length());
                            return w.substring(0, i) + String.join("", inserted) + w.substring(i);
                        }))));
    }

    /** The converter as {@link StrictJsonBodies} configures it in every service. */
    private static MappingJackson2HttpMessageConverter strictConverter() {
        List<HttpMessageConverter<?>> converters = new ArrayList<>(List.of(new MappingJackson2HttpMessageConverter(
                Jackson2ObjectMapperBuilder.json().build())));
        new StrictJsonBodies().extendMessageConverters(converters);
        return (MappingJackson2HttpMessageConverter) converters.get(0);
    }
}
