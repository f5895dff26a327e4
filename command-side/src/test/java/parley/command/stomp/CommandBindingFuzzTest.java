package parley.command.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import parley.command.overload.OverloadGuard;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.testing.HostileJson;
import parley.command.testing.HostileJson.Mutation;
import parley.edge.ratelimit.RateLimiter;

/**
 * Fuzzes JSON command binding, the step every {@code SEND /app/**} frame goes through, for every
 * {@link StompMapping} handler found on the class path (a new command is fuzzed without editing this
 * test): a well-formed body of the command's record, mutated, is either bound to a valid request or
 * refused with {@code INVALID_COMMAND}, never anything else (which would reach the client as an
 * internal error, or none at all). The rate limiter is not asked: the frames have no user.
 */
class CommandBindingFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Handler> HANDLERS = stompHandlers();
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT =
            JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final StompRequestResolver resolver = new StompRequestResolver(new FrameBodies(JSON),
            new CommandAdmission(mock(RateLimiter.class), mock(OverloadGuard.class)),
            new CommandOutcomes(new SimpleMeterRegistry()),
            Validation.buildDefaultValidatorFactory().getValidator());

    record Handler(String destination, MethodParameter request, ObjectNode validBody) {

        @Override
        public String toString() {
            return "/app/" + destination;
        }
    }

    @Property(tries = 1500)
    void everyBodyIsBoundOrRefusedAsInvalidCommand(@ForAll("handlers") Handler handler,
            @ForAll("scripts") List<Mutation> script) {
        bindOrRefuse(handler, HostileJson.mutatedBytes(handler.validBody(), script));
    }

    @Property(tries = 50)
    void theUnmutatedBodyOfEveryCommandBinds(@ForAll("handlers") Handler handler) throws Exception {
        Object bound = resolver.resolveArgument(handler.request(), frame(JSON.writeValueAsBytes(handler.validBody())));
        assertThat(bound).isInstanceOf(handler.request().getParameterType());
    }

    /**
     * Found by the attack suite's fuzzer (InputFuzzAttackTest, seed 4872906017527832006, chat.typing with
     * script [Mutation(6, 62, 1156), Mutation(1, 62, 3863)]): a body followed by more text was bound from
     * its first value, while HTTP bodies refuse trailing tokens.
     */
    @org.junit.jupiter.api.Test
    void aBodyFollowedByMoreTextIsRefused() {
        Handler typing = HANDLERS.stream().filter(h -> h.destination().equals("chat.typing")).findFirst().orElseThrow();
        byte[] body = "{\"chatId\":\"35c24837-fb0a-303e-8771-a3629e8fe2ee\",\"clientCommandId\":\"fz-176\"}/*"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolveArgument(typing.request(), frame(body)))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("not valid JSON");
    }

    @Provide
    Arbitrary<Handler> handlers() {
        return Arbitraries.of(HANDLERS);
    }

    @Provide
    Arbitrary<List<Mutation>> scripts() {
        return HostileJson.scripts(4);
    }

    private void bindOrRefuse(Handler handler, byte[] body) {
        try {
            Object bound = resolver.resolveArgument(handler.request(), frame(body));
            assertThat(bound).isInstanceOf(handler.request().getParameterType());
            assertThatCode(() -> STRICT.readTree(body)).as("a bound body is exactly one JSON value").doesNotThrowAnyException();
        } catch (CommandRejectedException refused) {
            assertThat(refused.code()).isEqualTo(RejectionCode.INVALID_COMMAND);
            assertThat(refused.getMessage()).isNotBlank();
            assertThatCode(() -> JSON.writeValueAsBytes(java.util.Map.of("detail", refused.getMessage())))
                    .as("the rejection can be written as the reply").doesNotThrowAnyException();
        }
    }

    private static Message<byte[]> frame(byte[] body) {
        return MessageBuilder.withPayload(body).build();
    }

    // ---- every handler and a valid body of its request record ----

    static List<Handler> stompHandlers() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(Controller.class));
        List<Handler> handlers = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("parley.command")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), CommandBindingFuzzTest.class.getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                StompMapping mapping = method.getAnnotation(StompMapping.class);
                if (mapping == null) {
                    continue;
                }
                for (int i = 0; i < method.getParameterCount(); i++) {
                    if (StompRequest.class.isAssignableFrom(method.getParameterTypes()[i])) {
                        MethodParameter parameter = new MethodParameter(method, i);
                        handlers.add(new Handler(mapping.value(), parameter, validBody(parameter.getParameterType())));
                    }
                }
            }
        }
        handlers.sort(Comparator.comparing(Handler::destination));
        assertThat(handlers).as("the command handlers").hasSizeGreaterThan(10);
        return handlers;
    }

    private static ObjectNode validBody(Class<?> record) {
        ObjectNode body = JSON.createObjectNode();
        for (RecordComponent component : record.getRecordComponents()) {
            body.set(component.getName(), validValue(component.getName(), component.getGenericType()));
        }
        return body;
    }

    private static JsonNode validValue(String name, Type type) {
        if (type instanceof ParameterizedType list && Collection.class.isAssignableFrom((Class<?>) list.getRawType())) {
            return JSON.createArrayNode().add(validValue(name, list.getActualTypeArguments()[0]));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == UUID.class) {
            return JSON.getNodeFactory().textNode("11111111-1111-4111-8111-111111111111");
        }
        if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
            return JSON.getNodeFactory().numberNode(1);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return JSON.getNodeFactory().booleanNode(true);
        }
        if (raw.isEnum()) {
            return JSON.getNodeFactory().textNode(((Enum<?>) raw.getEnumConstants()[0]).name());
        }
        if (raw == JsonNode.class) {
            return HostileJson.object("{\"text\":\"hello\"}");
        }
        if (raw == String.class) {
            return JSON.getNodeFactory().textNode(name.endsWith("Id") ? "c-1" : "Name");
        }
        throw new IllegalStateException("no valid value for " + name + " of " + type);
    }
}
