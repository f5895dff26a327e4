package parley.query.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SafetyNumberTest {

    private static final UUID ALICE = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final String KEY_1 = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_2 = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String KEY_3 = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";

    private final SafetyNumber.Party alice = new SafetyNumber.Party(ALICE, List.of(KEY_1, KEY_2));
    private final SafetyNumber.Party bob = new SafetyNumber.Party(BOB, List.of(KEY_3));

    @Test
    void isTwelveGroupsOfFiveDigits() {
        assertThat(SafetyNumber.of(alice, bob)).matches("\\d{5}( \\d{5}){11}");
    }

    @Test
    void isTheSameFromBothSidesAndWhateverTheKeyOrder() {
        SafetyNumber.Party aliceReordered = new SafetyNumber.Party(ALICE, List.of(KEY_2, KEY_1));
        assertThat(SafetyNumber.of(bob, aliceReordered)).isEqualTo(SafetyNumber.of(alice, bob));
    }

    @Test
    void changesWhenAnyKeyChanges() {
        String before = SafetyNumber.of(alice, bob);
        assertThat(SafetyNumber.of(alice, new SafetyNumber.Party(BOB, List.of(KEY_1)))).isNotEqualTo(before);
        assertThat(SafetyNumber.of(new SafetyNumber.Party(ALICE, List.of(KEY_1)), bob)).isNotEqualTo(before);
        assertThat(SafetyNumber.of(new SafetyNumber.Party(ALICE, List.of(KEY_1, KEY_2, KEY_3)), bob)).isNotEqualTo(before);
    }

    @Test
    void aKeyCannotMoveFromOneUserToTheOtherUnnoticed() {
        SafetyNumber.Party aliceWithBobsKey = new SafetyNumber.Party(ALICE, List.of(KEY_1, KEY_2, KEY_3));
        SafetyNumber.Party bobWithout = new SafetyNumber.Party(BOB, List.of());
        assertThat(SafetyNumber.of(aliceWithBobsKey, bobWithout)).isNotEqualTo(SafetyNumber.of(alice, bob));
    }

    /**
     * The published test vector in docs/protocol.md (computed independently, in Python): a client
     * computing it differently would disagree with the server.
     */
    @Test
    void matchesThePublishedVector() {
        assertThat(SafetyNumber.canonicalText(bob, alice)).isEqualTo("""
                parley-safety-number-v1
                user:00000000-0000-7000-8000-00000000000a
                key:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo
                key:hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo
                user:00000000-0000-7000-8000-00000000000b
                key:3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08
                """);
        assertThat(SafetyNumber.of(alice, bob)).isEqualTo("65972 88084 47342 30970 03095 30760 76781 41549 25143 94732 51472 19345");
    }
}
