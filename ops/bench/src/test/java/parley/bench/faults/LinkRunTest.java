package parley.bench.faults;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkRunTest {
    @Test
    void run() throws Exception {
        FaultSuiteCiTest.runAndCheck(List.of(new DatabaseLinkTrouble()), FaultSettings.ci(), "link", "LinkRunTest");
    }
}
