package parley.client.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vector of docs/protocol.md ("GET .../safety-number"), which the server and the web client check too. */
class SafetyNumbersTest {

    private static final SafetyNumbers.Party A = new SafetyNumbers.Party("00000000-0000-7000-8000-00000000000a",
            List.of("hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));
    private static final SafetyNumbers.Party B = new SafetyNumbers.Party("00000000-0000-7000-8000-00000000000b",
            List.of("3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"));

    @Test
    void theProtocolsTestVector() {
        assertThat(SafetyNumbers.canonicalText(A, B)).isEqualTo("""
                parley-safety-number-v1
                user:00000000-0000-7000-8000-00000000000a
                key:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo
                key:hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo
                user:00000000-0000-7000-8000-00000000000b
                key:3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08
                """);
        assertThat(SafetyNumbers.of(A, B)).isEqualTo("65972 88084 47342 30970 03095 30760 76781 41549 25143 94732 51472 19345");
    }

    @Test
    void bothSidesGetTheSameNumberAndAnyKeyChangesIt() {
        assertThat(SafetyNumbers.of(B, A)).isEqualTo(SafetyNumbers.of(A, B));
        SafetyNumbers.Party bWithAnotherDevice = new SafetyNumbers.Party(B.userId(),
                List.of("3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08", "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"));
        assertThat(SafetyNumbers.of(A, bWithAnotherDevice)).isNotEqualTo(SafetyNumbers.of(A, B))
                .matches("(\\d{5} ){11}\\d{5}");
    }
}
