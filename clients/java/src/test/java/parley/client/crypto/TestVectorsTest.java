package parley.client.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The published vectors are what this code produces, open for every recipient, and are quoted by the doc. */
class TestVectorsTest {

    @Test
    void recomputingFromTheInputsGivesTheFileByteForByte() throws IOException {
        JsonNode file = TestVectors.read();

        String recomputed = TestVectors.JSON.writeValueAsString(TestVectors.compute(file.get("inputs").deepCopy()));

        assertThat(recomputed).isEqualTo(TestVectors.JSON.writeValueAsString(file));
    }

    @Test
    void theEnvelopeSerialisesToExactlyTheFilesJson() throws Exception {
        JsonNode file = TestVectors.read();
        String envelopeJson = TestVectors.JSON.writeValueAsString(file.get("envelope"));

        assertThat(EnvelopeV1.fromJson(envelopeJson).toJson()).isEqualTo(envelopeJson);
    }

    @Test
    void everyRecipientOfTheVectorsOpensThePlaintext() throws Exception {
        JsonNode inputs = TestVectors.read().get("inputs");
        EnvelopeV1 envelope = EnvelopeV1.fromJson(TestVectors.JSON.writeValueAsString(TestVectors.read().get("envelope")));
        byte[] senderSigningKey = TestVectors.identity(inputs.get("sender")).signingPublicKey();

        assertThat(inputs.get("recipients")).hasSize(2);
        for (JsonNode recipient : inputs.get("recipients")) {
            byte[] plaintext = Envelopes.open(envelope, TestVectors.context(inputs.get("context")),
                    TestVectors.localDevice(recipient), senderSigningKey);
            assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(inputs.get("plaintext").asText());
        }
    }

    @Test
    void theSpecificationQuotesTheSameEnvelopeAndPointsAtTheFile() throws IOException {
        String doc = Files.readString(TestVectors.DOC);
        String envelopeJson = TestVectors.JSON.writeValueAsString(TestVectors.read().get("envelope"));

        assertThat(doc).contains("docs/e2ee-vectors.json").contains(envelopeJson);
    }
}
