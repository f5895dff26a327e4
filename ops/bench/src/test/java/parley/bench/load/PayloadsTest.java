package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void anOpaquePayloadHasExactlyTheSizeOfASealedPrivateEnvelope() {
        int sealed = Payloads.privateEnvelopeBytes();

        assertThat(Payloads.bytes(Payloads.opaque(sealed))).isEqualTo(sealed);
        assertThat(Payloads.opaque(sealed)).startsWith("{\"text\":\"");
    }
}
