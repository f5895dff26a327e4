package parley.command.chat.privatechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.message.MessageCommands.EditPrivateMessage;
import parley.api.message.MessageCommands.RedactPrivateMessage;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.MessageAccepted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.privatechat.SendPrivateMessage;
import parley.command.chat.FixtureRun;
import parley.command.chat.FixtureRun.Outcome;

/**
 * Properties of {@link PrivateChat} over any interleaving of sends both ways, sends by a third user
 * or to oneself, retries with the same clientMessageId (at once or later), edits and redactions:
 * the chat starts once, seqs run 1, 2, 3... without gaps and only between its two users, a refused
 * command records nothing, and a retried send records nothing and answers with the first send's seq
 * and message id.
 *
 * <p>Budget: 200 tries of up to 40 commands. A failure prints its seed: rerun it with
 * {@code @Property(seed = "<seed>")} (fixed seeds are allowed, see {@code junit-platform.properties});
 * a plain rerun tries the failing sample first (jqwik's database is under {@code target/}).
 */
class PrivateChatPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private static final UUID ALICE = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final UUID CAROL = UUID.fromString("00000000-0000-7000-8000-00000000000c");
    private static final UUID CHAT = Ids.privateChatId(ALICE, BOB);
    private static final Envelope HELLO = new Envelope("{\"ciphertext\":\"aGk=\"}");
    private static final Envelope EDITED = new Envelope("{\"ciphertext\":\"ZWRpdA==\"}");

    @Property(tries = 200)
    void seqsAndRetriesHoldWhateverTheSends(@ForAll("histories") List<Step> steps) {
        FixtureConfiguration<PrivateChat> fixture = new AggregateTestFixture<>(PrivateChat.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        FixtureRun<PrivateChat> run = new FixtureRun<>(fixture);
        List<Object> history = new ArrayList<>();
        Map<String, MessageAccepted> firstAnswers = new HashMap<>();
        long lastSeq = 0;

        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Object command = step.command().of(new UUID(7, 2L * i));
            Outcome outcome = run.run(history, command);
            Statistics.label("answers").collect(command.getClass().getSimpleName() + " " + outcome.verdict());
            if (!outcome.accepted()) {
                assertThat(outcome.events()).as("a refused %s (%s) records nothing", command, outcome.answer()).isEmpty();
            } else if (command instanceof SendPrivateMessage send) {
                String key = send.senderId() + "/" + send.clientMessageId();
                MessageAccepted first = firstAnswers.get(key);
                if (first != null) {
                    assertThat(outcome.events()).as("a retried send records nothing").isEmpty();
                    assertThat(outcome.result()).as("a retried send answers as the first did").isEqualTo(first);
                } else {
                    MessageAccepted expected = new MessageAccepted(CHAT, send.messageId(), lastSeq + 1);
                    assertThat(outcome.result()).isEqualTo(expected);
                    firstAnswers.put(key, expected);
                }
            }
            for (Object event : outcome.events()) {
                if (event instanceof PrivateChatStarted started) {
                    assertThat(history).as("a chat starts once, first").isEmpty();
                    assertThat(List.of(started.participantLow(), started.participantHigh())).containsExactlyInAnyOrder(ALICE, BOB);
                } else if (event instanceof PrivateMessageSent sent) {
                    assertThat(sent.seq()).as("seqs run without gaps").isEqualTo(lastSeq + 1);
                    assertThat(List.of(sent.senderId(), sent.recipientId())).containsExactlyInAnyOrder(ALICE, BOB);
                    lastSeq = sent.seq();
                } else if (event instanceof MessageEdited edited) {
                    assertThat(edited.seq()).isBetween(1L, lastSeq);
                } else if (event instanceof MessageRedacted redacted) {
                    assertThat(redacted.seq()).isBetween(1L, lastSeq);
                }
            }
            history.addAll(outcome.events());

            if (step.resent()) {
                Outcome again = run.run(history, step.command().of(new UUID(7, 2L * i + 1)));
                assertThat(again.events()).as("resending %s", command).isEmpty();
                assertThat(again.answer()).as("the answer to a resent %s", command).isEqualTo(outcome.answer());
            }
        }
    }

    /** One command; {@code resent} sends it again at once, as a client does when the reply was lost. */
    record Step(Command command, boolean resent) {
        @Override
        public String toString() {
            return command.of(new UUID(7, 0)) + (resent ? " (resent)" : "");
        }
    }

    /** A command given the message id the server would choose (a resend gets a new one, as through the controller). */
    interface Command {
        Object of(UUID messageId);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return Combinators.combine(command(), Arbitraries.integers().between(0, 4)).as((c, r) -> new Step(c, r == 0))
                .list().ofMinSize(5).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }

    private Arbitrary<Command> command() {
        Arbitrary<UUID> pair = Arbitraries.of(ALICE, BOB);
        Arbitrary<UUID> anyone = Arbitraries.of(ALICE, BOB, CAROL);
        Arbitrary<String> clientIds = Arbitraries.of("c-1", "c-2", "c-3");
        Arbitrary<Long> seqs = Arbitraries.longs().between(0, 6);
        return Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(pair, clientIds).as((s, c) -> send(s, s.equals(ALICE) ? BOB : ALICE, c))),
                // This chat's id with a stranger or the same user on both ends: refused whatever the state.
                Tuple.of(2, Combinators.combine(anyone, anyone, clientIds).as((s, r, c) -> send(s, r, c))),
                Tuple.of(2, Combinators.combine(anyone, seqs, Arbitraries.of(HELLO, EDITED))
                        .as((e, s, env) -> m -> new EditPrivateMessage(CHAT, e, s, env))),
                Tuple.of(1, Combinators.combine(anyone, seqs).as((r, s) -> m -> new RedactPrivateMessage(CHAT, r, s))));
    }

    private static Command send(UUID sender, UUID recipient, String clientMessageId) {
        return m -> new SendPrivateMessage(CHAT, m, sender, recipient, clientMessageId, HELLO);
    }
}
