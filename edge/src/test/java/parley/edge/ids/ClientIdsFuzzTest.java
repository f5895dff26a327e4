package parley.edge.ids;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzes the one form of client-made ids against its definition, with any text of any length around the bound. */
class ClientIdsFuzzTest {

    @Property(tries = 2000)
    void anIdIsValidExactlyWhenItIsOneToMaxLengthPrintableAsciiCharacters(@ForAll("ids") String id) {
        boolean printableAscii = id.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);

        assertThat(ClientIds.isValid(id)).as("%s", id)
                .isEqualTo(!id.isEmpty() && id.length() <= ClientIds.MAX_LENGTH && printableAscii);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(0).ofMaxLength(ClientIds.MAX_LENGTH + 3),
                Arbitraries.strings().all().ofMaxLength(ClientIds.MAX_LENGTH + 3),
                Arbitraries.strings().withChars("a\u0000\u007F\u0080\n\r\t\uD800\uFEFF ~").ofMaxLength(ClientIds.MAX_LENGTH + 3));
    }
}
