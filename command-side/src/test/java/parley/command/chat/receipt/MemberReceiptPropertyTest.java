package parley.command.chat.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import parley.api.ChatType;
import parley.api.receipt.AdvanceReceipt;
import parley.api.receipt.ReceiptAdvanced;
import parley.command.chat.FixtureRun;
import parley.command.chat.FixtureRun.Outcome;
import parley.command.chat.membership.ChatDirectory.ChatHead;

/**
 * Properties of a member's watermarks ({@link MemberReceipt}), whatever order the receipts come in:
 * <ul>
 *   <li>through the controller's bound ({@link ReceiptController#command}), while messages keep
 *       arriving, a watermark never moves backwards and never beyond the chat's last seq;</li>
 *   <li>whatever a command says (zero, negative, read beyond delivered), the watermarks never move
 *       backwards, read never exceeds delivered, a refused or resent command records nothing.</li>
 * </ul>
 * Budget: 200 tries each, up to 40 steps. A failure prints its seed: rerun it with
 * {@code @Property(seed = "<seed>")} (fixed seeds are allowed, see {@code junit-platform.properties});
 * a plain rerun tries the failing sample first (jqwik's database is under {@code target/}).
 */
class MemberReceiptPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private static final UUID CHAT = UUID.fromString("00000000-0000-7000-8000-0000000000f0");
    private static final UUID READER = UUID.fromString("00000000-0000-7000-8000-00000000000a");

    /** A message arrives in the chat ({@code upTo} = 0), or the reader acknowledges up to {@code upTo}. */
    record Step(long upTo, boolean read, boolean resent) {
        boolean arrival() {
            return upTo == 0;
        }
    }

    @Property(tries = 200)
    void throughTheControllerWatermarksStayWithinTheChat(@ForAll("receiptsAndArrivals") List<Step> steps) {
        FixtureRun<MemberReceipt> run = run();
        Watermarks marks = new Watermarks();
        long lastSeq = 0;
        for (Step step : steps) {
            if (step.arrival()) {
                lastSeq++;
                continue;
            }
            Optional<AdvanceReceipt> command = ReceiptController.command(new ChatHead(CHAT, ChatType.GROUP, lastSeq), READER,
                    step.upTo(), step.read());
            if (command.isEmpty()) {
                assertThat(lastSeq).as("a receipt is dropped only while the chat is empty").isZero();
                continue;
            }
            marks.handle(run, command.get(), step.resent());
            assertThat(marks.delivered).as("delivered within the chat").isLessThanOrEqualTo(lastSeq);
            assertThat(marks.read).as("read within the chat").isLessThanOrEqualTo(lastSeq);
        }
    }

    @Property(tries = 200)
    void whateverTheCommandsWatermarksOnlyGrow(@ForAll("commands") List<Tuple.Tuple2<AdvanceReceipt, Boolean>> commands) {
        FixtureRun<MemberReceipt> run = run();
        Watermarks marks = new Watermarks();
        for (Tuple.Tuple2<AdvanceReceipt, Boolean> command : commands) {
            marks.handle(run, command.get1(), command.get2());
            assertThat(marks.delivered).isLessThanOrEqualTo(Math.max(marks.mostAsked, 0));
        }
    }

    /** The watermarks as the events tell them, checked after every command. */
    private static final class Watermarks {
        final List<Object> history = new ArrayList<>();
        long delivered;
        long read;
        long mostAsked;

        void handle(FixtureRun<MemberReceipt> run, AdvanceReceipt command, boolean resent) {
            Outcome outcome = run.run(history, command);
            Statistics.label("answers").collect(outcome.accepted() && outcome.events().isEmpty() ? "unchanged" : outcome.verdict());
            if (!outcome.accepted()) {
                assertThat(outcome.events()).as("a refused %s records nothing", command).isEmpty();
                return;
            }
            mostAsked = Math.max(mostAsked, Math.max(command.deliveredUpToSeq(), command.readUpToSeq()));
            assertThat(outcome.events()).hasSizeLessThanOrEqualTo(1);
            for (Object event : outcome.events()) {
                ReceiptAdvanced advanced = (ReceiptAdvanced) event;
                assertThat(advanced.deliveredUpToSeq()).as("delivered never moves backwards").isGreaterThanOrEqualTo(delivered);
                assertThat(advanced.readUpToSeq()).as("read never moves backwards").isGreaterThanOrEqualTo(read);
                assertThat(advanced.readUpToSeq()).as("what was read was delivered").isLessThanOrEqualTo(advanced.deliveredUpToSeq());
                assertThat(advanced.deliveredUpToSeq() > delivered || advanced.readUpToSeq() > read || history.isEmpty())
                        .as("an event moves a watermark").isTrue();
                delivered = advanced.deliveredUpToSeq();
                read = advanced.readUpToSeq();
            }
            history.addAll(outcome.events());
            if (resent) {
                Outcome again = run.run(history, command);
                assertThat(again.events()).as("resending %s", command).isEmpty();
                assertThat(again.accepted()).isTrue();
            }
        }
    }

    private static FixtureRun<MemberReceipt> run() {
        FixtureConfiguration<MemberReceipt> fixture = new AggregateTestFixture<>(MemberReceipt.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return new FixtureRun<>(fixture);
    }

    @Provide
    Arbitrary<List<Step>> receiptsAndArrivals() {
        // upTo as a client may send it (at least 1, possibly beyond what exists), or 0 for a message arriving.
        Arbitrary<Long> upTo = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(1, 12)));
        return Combinators.combine(upTo, Arbitraries.of(true, false), Arbitraries.integers().between(0, 3))
                .as((u, read, r) -> new Step(u, read, r == 0))
                .list().ofMinSize(5).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<AdvanceReceipt, Boolean>>> commands() {
        Arbitrary<Long> seq = Arbitraries.longs().between(-2, 10);
        Arbitrary<AdvanceReceipt> command = Combinators.combine(seq, seq)
                .as((delivered, read) -> new AdvanceReceipt(AdvanceReceipt.idOf(CHAT, READER), CHAT, ChatType.GROUP, READER,
                        delivered, read));
        return Combinators.combine(command, Arbitraries.integers().between(0, 3)).as((c, r) -> Tuple.of(c, r == 0))
                .list().ofMinSize(5).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }
}
