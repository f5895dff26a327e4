package parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import parley.bench.Progress;

/**
 * A fault whose run throws (a heal that failed: the fourth full run's restarted command node exited on PgBouncer's
 * {@code server_login_retry}) ends the suite with its table, the fault named as the one that stopped it and the rest
 * as not run, instead of ending the suite with no table at all.
 */
class FaultSuiteTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(output, true, StandardCharsets.UTF_8));
    private final List<String> ran = new ArrayList<>();

    @Test
    void aFaultWhoseHealThrowsStopsTheSuiteAndIsInItsTable() throws Exception {
        List<Fault> faults = List.of(fault("first"), fault("heal fails"), fault("third"));

        FaultSuite.Rows rows = FaultSuite.runEach(faults, (fault, number) -> {
            ran.add(number + " " + fault.name());
            if (fault.name().equals("heal fails")) {
                throw new IllegalStateException("command node exited with 1",
                        new SQLException("server login has been failing, try again later (server_login_retry)"));
            }
            return passingRow(fault.name());
        }, progress);

        assertThat(ran).containsExactly("1 first", "2 heal fails");
        assertThat(rows.rows()).extracting(FaultRow::fault).containsExactly("first");
        assertThat(rows.stopped()).hasValueSatisfying(stop -> {
            assertThat(stop.fault()).isEqualTo("heal fails");
            assertThat(stop.reason()).contains("command node exited with 1").contains("server_login_retry");
            assertThat(stop.notRun()).containsExactly("third");
        });
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("heal fails stopped the suite").contains("at parley.");

        String table = FaultTable.markdown(rows.rows(), rows.stopped());
        assertThat(table.lines()).hasSize(2 + 3)
                .anySatisfy(line -> assertThat(line).startsWith("| heal fails | **stopped the suite**: ")
                        .contains("server_login_retry"))
                .contains("| third | not run |");
    }

    @Test
    void aSuiteThatStoppedHasNotPassedThoughEveryRowItRanPassed() {
        FaultSuite.Outcome stopped = outcome(Optional.of(new FaultStop("heal fails", "exited", List.of())));
        FaultSuite.Outcome complete = outcome(Optional.empty());

        assertThat(complete.passed()).isTrue();
        assertThat(stopped.passed()).isFalse();
    }

    @Test
    void anInterruptionIsNotAFaultsFailure() {
        assertThatThrownBy(() -> FaultSuite.runEach(List.of(fault("first")), (fault, number) -> {
            throw new InterruptedException("stopped by a person");
        }, progress)).isInstanceOf(InterruptedException.class);
    }

    private static FaultSuite.Outcome outcome(Optional<FaultStop> stop) {
        return new FaultSuite.Outcome(List.of(passingRow("first")), stop, Duration.ofMinutes(1), Duration.ofSeconds(10), null,
                List.of(), Set.of());
    }

    private static FaultRow passingRow(String name) {
        Optional<Duration> second = Optional.of(Duration.ofSeconds(1));
        return new FaultRow(name, 10, 10, 2, 0, 0, 0, 0, 0, 0, List.of(), second, second, second, true, Map.of());
    }

    private static Fault fault(String name) {
        return new Fault() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void inject(FaultEnvironment environment) {
            }

            @Override
            public void heal(FaultEnvironment environment) {
            }

            @Override
            public Duration outage() {
                return Duration.ZERO;
            }
        };
    }
}
