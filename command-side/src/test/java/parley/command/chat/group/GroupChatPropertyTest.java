package parley.command.chat.group;

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
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import parley.api.Envelope;
import parley.api.group.GroupCommands.AddMember;
import parley.api.group.GroupCommands.CreateGroup;
import parley.api.group.GroupCommands.LeaveGroup;
import parley.api.group.GroupCommands.RemoveMember;
import parley.api.group.GroupCommands.RenameGroup;
import parley.api.group.GroupCommands.SendGroupMessage;
import parley.api.group.GroupCommands.SetRole;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.message.MessageCommands.EditGroupMessage;
import parley.api.message.MessageCommands.RedactGroupMessage;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.MessageAccepted;
import parley.command.chat.FixtureRun;
import parley.command.chat.FixtureRun.Outcome;

/**
 * Properties of {@link GroupChat} over any sequence of membership commands and sends, by members,
 * non-members, admins and owners, with edits and redactions between, each possibly resent at once (a
 * client retrying after a lost reply):
 * <ul>
 *   <li>the members count a reader derives from the events (+1 per {@code MemberAdded}, -1 per
 *       {@code MemberRemoved}) always equals the number of members: nobody is added twice or removed
 *       while out; the group stays within its limit and keeps an owner while it has members;</li>
 *   <li>a refused command records nothing;</li>
 *   <li>seqs run 1, 2, 3... without gaps, and only members send;</li>
 *   <li>a resent command (a send with the same clientMessageId, whenever) records nothing and answers
 *       as the first did.</li>
 * </ul>
 * Budget: 200 tries of 5 to 40 commands, on five users and a group of at most three (so that "full"
 * happens often). A failure prints its seed: rerun it with {@code @Property(seed = "<seed>")} (fixed seeds are
 * allowed, see {@code junit-platform.properties}); a plain rerun tries the failing sample first (jqwik's
 * database is under {@code target/}).
 */
class GroupChatPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private static final UUID GROUP = UUID.fromString("00000000-0000-7000-8000-0000000000f0");
    private static final List<UUID> USERS = List.of(user(1), user(2), user(3), user(4), user(5));
    private static final Envelope HELLO = new Envelope("{\"ciphertext\":\"aGk=\"}");
    private static final Envelope EDITED = new Envelope("{\"ciphertext\":\"ZWRpdA==\"}");
    private static final int MAX_MEMBERS = 3;

    @Property(tries = 200)
    void membershipSeqsAndRetriesHoldWhateverTheCommands(@ForAll("histories") List<Step> steps) {
        FixtureConfiguration<GroupChat> fixture = new AggregateTestFixture<>(GroupChat.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new GroupLimits(MAX_MEMBERS, 64, 2));
        FixtureRun<GroupChat> run = new FixtureRun<>(fixture);
        Fold fold = new Fold();
        List<Object> history = new ArrayList<>();
        Map<String, MessageAccepted> firstAnswers = new HashMap<>();

        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Object command = step.command(new UUID(7, 2L * i));
            Outcome outcome = run.run(history, command);
            Statistics.label("answers").collect(command.getClass().getSimpleName() + " " + outcome.verdict());
            checkOutcome(command, outcome, fold, firstAnswers);
            history.addAll(outcome.events());
            outcome.events().forEach(fold::apply);
            fold.checkInvariants();

            if (step.resent()) {
                Outcome again = run.run(history, step.command(new UUID(7, 2L * i + 1)));
                assertThat(again.events()).as("resending %s", command).isEmpty();
                assertThat(again.answer()).as("the answer to a resent %s", command).isEqualTo(outcome.answer());
            }
        }
    }

    private static void checkOutcome(Object command, Outcome outcome, Fold fold, Map<String, MessageAccepted> firstAnswers) {
        if (!outcome.accepted()) {
            assertThat(outcome.events()).as("a refused %s (%s) records nothing", command, outcome.answer()).isEmpty();
            return;
        }
        if (command instanceof SendGroupMessage send) {
            String key = send.senderId() + "/" + send.clientMessageId();
            MessageAccepted first = firstAnswers.get(key);
            if (first != null) {
                assertThat(outcome.events()).as("a retried send records nothing").isEmpty();
                assertThat(outcome.result()).as("a retried send answers as the first did").isEqualTo(first);
            } else {
                MessageAccepted expected = new MessageAccepted(GROUP, send.messageId(), fold.lastSeq + 1);
                assertThat(outcome.result()).isEqualTo(expected);
                assertThat(outcome.events()).hasSize(1).first().isInstanceOf(GroupMessageSent.class);
                firstAnswers.put(key, expected);
            }
        }
    }

    /** What a reader of the events knows: the members, the count it keeps by +1/-1, the last seq. */
    private static final class Fold {
        final Map<UUID, GroupRole> members = new HashMap<>();
        int count;
        long lastSeq;
        boolean created;

        void apply(Object event) {
            if (event instanceof GroupCreated) {
                assertThat(created).as("a group is created once").isFalse();
                created = true;
            } else if (event instanceof MemberAdded added) {
                assertThat(members).as("%s is added while not a member", added.userId()).doesNotContainKey(added.userId());
                assertThat(added.joinedAtSeq()).as("a member joins at the group's last seq").isEqualTo(lastSeq);
                members.put(added.userId(), added.role());
                count++;
            } else if (event instanceof MemberRemoved removed) {
                assertThat(members).as("%s is removed while a member", removed.userId()).containsKey(removed.userId());
                if (!removed.left()) {
                    assertThat(members.get(removed.removedBy())).as("the remover manages members")
                            .isIn(GroupRole.OWNER, GroupRole.ADMIN);
                }
                members.remove(removed.userId());
                count--;
            } else if (event instanceof RoleChanged changed) {
                assertThat(members).containsKey(changed.userId());
                members.put(changed.userId(), changed.role());
            } else if (event instanceof GroupMessageSent sent) {
                assertThat(sent.seq()).as("seqs run without gaps").isEqualTo(lastSeq + 1);
                assertThat(members).as("only members send").containsKey(sent.senderId());
                lastSeq = sent.seq();
            } else if (event instanceof MessageEdited edited) {
                assertThat(edited.seq()).isBetween(1L, lastSeq);
                assertThat(members).as("only members edit").containsKey(edited.editedBy());
            } else if (event instanceof MessageRedacted redacted) {
                assertThat(redacted.seq()).isBetween(1L, lastSeq);
                assertThat(members).as("only members redact").containsKey(redacted.redactedBy());
            }
        }

        void checkInvariants() {
            assertThat(count).as("the counted members equal the members").isEqualTo(members.size());
            assertThat(members.size()).isLessThanOrEqualTo(MAX_MEMBERS);
            if (!members.isEmpty()) {
                assertThat(members.values()).as("a group with members has an owner").contains(GroupRole.OWNER);
            }
        }
    }

    /** One command; {@code resent} sends it again at once, as a client does when the reply was lost. */
    record Step(Command command, boolean resent) {
        Object command(UUID messageId) {
            return command.of(messageId);
        }

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
        Arbitrary<Step> step = Combinators.combine(command(), Arbitraries.integers().between(0, 4))
                .as((c, r) -> new Step(c, r == 0));
        Arbitrary<Step> create = Combinators.combine(create(), Arbitraries.of(true, false)).as(Step::new);
        // Most histories start with a creation, or little happens but refusals.
        Arbitrary<List<Step>> rest = step.list().ofMinSize(5).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(create.optional(0.9), rest).as((first, others) -> {
            List<Step> steps = new ArrayList<>();
            first.ifPresent(steps::add);
            steps.addAll(others);
            return steps;
        });
    }

    private Arbitrary<Command> command() {
        // Actors lean to the first user, who usually creates the group: otherwise most commands come from outsiders.
        Arbitrary<UUID> user = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(USERS.get(0))),
                Tuple.of(4, Arbitraries.of(USERS)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, create()),
                Tuple.of(4, Combinators.combine(user, user).as((a, u) -> m -> new AddMember(GROUP, a, u))),
                Tuple.of(3, Combinators.combine(user, user).as((a, u) -> m -> new RemoveMember(GROUP, a, u))),
                Tuple.of(3, user.map(u -> m -> new LeaveGroup(GROUP, u))),
                Tuple.of(3, Combinators.combine(user, user, Arbitraries.of(GroupRole.class))
                        .as((a, u, r) -> m -> new SetRole(GROUP, a, u, r))),
                Tuple.of(1, Combinators.combine(user, Arbitraries.of("Team", "Crew"))
                        .as((a, n) -> m -> new RenameGroup(GROUP, a, n))),
                Tuple.of(5, Combinators.combine(user, Arbitraries.of("c-1", "c-2", "c-3"))
                        .as((s, c) -> m -> new SendGroupMessage(GROUP, m, s, c, HELLO))),
                Tuple.of(1, Combinators.combine(user, Arbitraries.longs().between(0, 6), Arbitraries.of(HELLO, EDITED))
                        .as((e, s, env) -> m -> new EditGroupMessage(GROUP, e, s, env))),
                Tuple.of(1, Combinators.combine(user, Arbitraries.longs().between(0, 6))
                        .as((r, s) -> m -> new RedactGroupMessage(GROUP, r, s))));
    }

    private Arbitrary<Command> create() {
        Arbitrary<UUID> creator = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(USERS.get(0))),
                Tuple.of(1, Arbitraries.of(USERS)));
        return Combinators.combine(creator, Arbitraries.of(USERS).list().ofMaxSize(3))
                .as((by, others) -> m -> new CreateGroup(GROUP, by, "Team", others));
    }

    private static UUID user(int n) {
        return UUID.fromString("00000000-0000-7000-8000-00000000000" + n);
    }
}
