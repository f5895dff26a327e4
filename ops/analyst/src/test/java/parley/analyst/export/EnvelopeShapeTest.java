package parley.analyst.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import parley.api.Envelope;

/** What an export keeps of an envelope: its shape, and from anything but a v1 envelope no text at all. */
class EnvelopeShapeTest {

    @Test
    void aV1EnvelopeIsItsVersionAlgorithmSendingDeviceRecipientsAndSize() {
        String json = "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM-Ed25519\",\"senderDeviceId\":\"laptop\",\"nonce\":\"AAAA\","
                + "\"ciphertext\":\"BBBB\",\"recipients\":[{\"userId\":\"u1\",\"deviceId\":\"d1\",\"ephemeralKey\":\"k\",\"wrappedKey\":\"w\"},"
                + "{\"userId\":\"u2\",\"deviceId\":\"d2\",\"ephemeralKey\":\"k\",\"wrappedKey\":\"w\"}],\"signature\":\"SSSS\"}";

        EnvelopeShape shape = EnvelopeShape.of(new Envelope(json));

        assertThat(shape).isEqualTo(new EnvelopeShape(1, "X25519-HKDF-SHA256-A256GCM-Ed25519", "laptop", 2, json.length()));
    }

    @Test
    void anEnvelopeWithoutVersionKeepsNoTextEvenInFieldsAV1WouldHave() {
        String json = "{\"alg\":\"meet me at noon\",\"senderDeviceId\":\"bring cake\",\"text\":\"héllo\",\"recipients\":[]}";

        EnvelopeShape shape = EnvelopeShape.of(new Envelope(json));

        assertThat(shape).isEqualTo(new EnvelopeShape(null, null, null, 0, json.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void aLaterVersionIsCountedButNotRead() {
        EnvelopeShape shape = EnvelopeShape.of(new Envelope("{\"v\":2,\"alg\":\"sender-keys\",\"senderDeviceId\":\"x\"}"));

        assertThat(shape.version()).isEqualTo(2);
        assertThat(shape.alg()).isNull();
        assertThat(shape.senderDevice()).isNull();
        assertThat(shape.recipients()).isNull();
    }
}
