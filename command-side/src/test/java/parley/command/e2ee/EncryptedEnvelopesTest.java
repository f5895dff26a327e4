package parley.command.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** The policy before any device is looked up (the device checks run end to end: EnvelopeChecksEndToEndTest). */
class EncryptedEnvelopesTest {

    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final JsonNode PLAIN = json("{\"text\":\"hello in clear\"}");

    @Test
    void anUnencryptedEnvelopeIsRefusedByDefault() {
        EncryptedEnvelopes envelopes = policy(false);

        assertThatThrownBy(() -> envelopes.check(PLAIN, ALICE, List.of(ALICE, BOB)))
                .isInstanceOfSatisfying(CommandRejectedException.class, rejected ->
                        assertThat(rejected.code()).isEqualTo(RejectionCode.INVALID_ENVELOPE))
                .hasMessageContaining("must be end-to-end encrypted");
    }

    @Test
    void theTestSwitchLetsUnencryptedEnvelopesThroughButStillChecksVersionOne() {
        EncryptedEnvelopes envelopes = policy(true);

        assertThatCode(() -> envelopes.check(PLAIN, ALICE, List.of(ALICE, BOB))).doesNotThrowAnyException();
        assertThatThrownBy(() -> envelopes.check(json("{\"v\":1,\"text\":\"hi\"}"), ALICE, List.of(ALICE, BOB)))
                .hasMessageContaining("'text' is not a field of envelope");
    }

    @Test
    void aNonMemberIsLeftToTheAggregateSoNoDeviceListLeaks() {
        EncryptedEnvelopes envelopes = policy(false);

        assertThatCode(() -> envelopes.check(PLAIN, UUID.randomUUID(), List.of(ALICE, BOB))).doesNotThrowAnyException();
    }

    /** No device directory: these paths must decide before reading one. */
    private static EncryptedEnvelopes policy(boolean allowUnencrypted) {
        return new EncryptedEnvelopes(null, new E2eeProperties(allowUnencrypted));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
