package parley.command.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.command.testing.HostileJson;
import parley.command.testing.HostileJson.Mutation;

/**
 * Fuzzes envelope v1's structural check with the published vector under hostile mutations: every input
 * is either accepted as a conforming envelope or refused with {@code INVALID_ENVELOPE}, never anything
 * else (an exception of another kind would be a 5xx-like failure of the command), and what is accepted
 * really is version 1. The seed of a run is in jqwik's report; a failure is rerun from target/jqwik-database.
 */
class EnvelopeV1ShapeFuzzTest {

    private static final JsonNode VECTOR = publishedVector();

    @Property(tries = 2000)
    void anyMutationIsAcceptedAsConformingOrRefusedAsInvalidEnvelope(@ForAll("scripts") List<Mutation> script) {
        check(HostileJson.mutatedTree(VECTOR, script));
    }

    @Provide
    Arbitrary<List<Mutation>> scripts() {
        return HostileJson.scripts(3);
    }

    /** Found by the fuzzer (seed 6792083403196582886, shrunk): 2^64 + 1 is an integral number whose {@code asLong()} is 1. */
    @Test
    void aVersionThatOnlyWrapsToOneIsRefused() {
        JsonNode envelope = HostileJson.mutatedTree(VECTOR, List.of(new Mutation(4, 1, 34)));
        assertThat(envelope.get("v").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(64).add(BigInteger.ONE));

        assertThatThrownBy(() -> EnvelopeV1Shape.parse(envelope)).isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("'v' must be 1");
    }

    private static void check(JsonNode envelope) {
        EnvelopeHeader header;
        try {
            header = EnvelopeV1Shape.parse(envelope);
        } catch (CommandRejectedException refused) {
            assertThat(refused.code()).isEqualTo(RejectionCode.INVALID_ENVELOPE);
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        JsonNode version = envelope.get("v");
        assertThat(version.isIntegralNumber() && version.bigIntegerValue().equals(BigInteger.ONE))
                .as("an accepted envelope is version 1, not %s", version).isTrue();
        assertThat(header.recipients()).hasSize(envelope.get("recipients").size());
        assertThat(header.senderDeviceId()).isEqualTo(envelope.get("senderDeviceId").asText());
    }

    private static JsonNode publishedVector() {
        try {
            return new ObjectMapper().readTree(Path.of("../docs/e2ee-vectors.json").toFile()).get("envelope");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
