package parley.edge.ids;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Command(@ClientId String clientCommandId) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "m-1", "refresh-0b7c6f0e-8f43-4a43-9d36-3b3d0d6f2f7a", "' OR 1=1 --", "<script>alert(1)</script>",
            "still here", "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"})
    void printableAsciiUpToTheLimitIsAnId(String id) {
        assertThat(violations(id)).isEmpty();
        assertThat(ClientIds.isValid(id)).isTrue();
    }

    @Test
    void theReferenceClientsIdsFitAtTheLimit() {
        assertThat(violations(UUID.randomUUID().toString())).isEmpty();
        assertThat(violations("x".repeat(ClientIds.MAX_LENGTH))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nul\u0000inside", "\u0000", "tab\there", "line\nbreak", "carriage\rreturn", "bell\u0007",
            "delete\u007f", "c1\u0085control", "caf\u00e9", "emoji\ud83d\ude00", "zero\u200bwidth", "rtl\u202eoverride",
            "lone\ud800surrogate"})
    void controlCharactersAndAnythingOutsidePrintableAsciiAreRefused(String id) {
        assertThat(violations(id)).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath()).hasToString("clientCommandId");
            assertThat(violation.getMessage()).contains("printable ASCII", String.valueOf(ClientIds.MAX_LENGTH));
        });
        assertThat(ClientIds.isValid(id)).isFalse();
    }

    @Test
    void anIdOverTheLimitIsRefusedWithoutScanningItAll() {
        assertThat(violations("x".repeat(ClientIds.MAX_LENGTH + 1))).hasSize(1);
        assertThat(violations("x".repeat(10_000))).hasSize(1);
        assertThat(violations("x".repeat(5_000_000))).hasSize(1);
    }

    @Test
    void aMissingIdIsLeftToNotNull() {
        assertThat(violations(null)).isEmpty();
        assertThat(ClientIds.isValid(null)).isFalse();
    }

    private static Set<ConstraintViolation<Command>> violations(String id) {
        return VALIDATOR.validate(new Command(id));
    }
}
