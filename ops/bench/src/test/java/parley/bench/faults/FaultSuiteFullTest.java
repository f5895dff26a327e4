package parley.bench.faults;

import org.junit.jupiter.api.Test;

/**
 * The full fault suite, only with {@code -Pfaults} ({@code ./mvnw -Pfaults -pl ops/bench -am verify}): every fault
 * {@link FaultSuite#full()} has, with the full load, and the same checks as {@link FaultSuiteCiTest}. Its table goes
 * to {@code target/fault-suite-full/reliability.md}; {@code ops/bench/run-all faults} writes docs/reliability.md.
 */
class FaultSuiteFullTest {

    @Test
    void nothingAcknowledgedIsLostOrDoubledAndThePlatformRecoversFromEveryFault() throws Exception {
        FaultSuiteCiTest.runAndCheck(FaultSuite.full(), FaultSettings.full(), "fault-suite-full",
                "./mvnw -Pfaults -pl ops/bench -am verify");
    }
}
