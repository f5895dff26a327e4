package parley.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The pure revision 1 to 2 step: the rule revision 1 implied becomes the {@code reason} field. */
class MemberRemovedReasonUpcasterTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aMemberWhoRemovedThemselvesLeft() throws Exception {
        assertThat(MemberRemovedReasonUpcaster.addReason(json.readTree(
                "{\"groupId\":\"g\",\"userId\":\"u\",\"removedBy\":\"u\",\"removedAt\":\"t\"}")).toString())
                .isEqualTo("{\"groupId\":\"g\",\"userId\":\"u\",\"reason\":\"LEFT\",\"removedBy\":\"u\",\"removedAt\":\"t\"}");
    }

    @Test
    void aMemberRemovedBySomeoneElseWasRemoved() throws Exception {
        assertThat(MemberRemovedReasonUpcaster.addReason(json.readTree(
                "{\"groupId\":\"g\",\"userId\":\"u\",\"removedBy\":\"o\",\"removedAt\":\"t\"}")).toString())
                .isEqualTo("{\"groupId\":\"g\",\"userId\":\"u\",\"reason\":\"REMOVED\",\"removedBy\":\"o\",\"removedAt\":\"t\"}");
    }
}
