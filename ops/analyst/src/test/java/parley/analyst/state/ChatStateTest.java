package parley.analyst.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.PrivateChatStarted;
import parley.api.privatechat.PrivateMessageSent;
import parley.api.receipt.ReceiptAdvanced;
import parley.api.user.UserRegistered;

/** The fold, event by event, against what the projections write for the same events. */
class ChatStateTest {

    static final UUID GROUP = UUID.fromString("0190a000-0000-7000-8000-000000000001");
    // OWNER sorts after ANN in text (unsigned) order but before her in Java's signed UUID order.
    static final UUID OWNER = UUID.fromString("90000000-0000-4000-8000-000000000001");
    static final UUID ANN = UUID.fromString("10000000-0000-4000-8000-000000000002");
    static final UUID BEN = UUID.fromString("20000000-0000-4000-8000-000000000003");
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static final Envelope ENVELOPE = new Envelope("{\"ciphertext\":\"x\"}");

    static ChatState fold(Object... events) {
        ChatState state = ChatState.empty(GROUP);
        for (Object event : events) {
            state = state.apply(event);
        }
        return state;
    }

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static GroupCreated created() {
        return new GroupCreated(GROUP, "Five", OWNER, T0);
    }

    static MemberAdded added(UUID user, GroupRole role, long joinedAtSeq, int at) {
        return new MemberAdded(GROUP, user, role, OWNER, joinedAtSeq, t(at));
    }

    static GroupMessageSent sent(long seq, UUID sender, int at) {
        return new GroupMessageSent(GROUP, UUID.randomUUID(), seq, sender, "c-" + seq, ENVELOPE, t(at));
    }

    static ReceiptAdvanced receipt(UUID user, long delivered, long read) {
        return new ReceiptAdvanced(GROUP, ChatType.GROUP, user, delivered, read, T0);
    }

    @Test
    void aCreatedGroupHasItsMembersRolesAndCountInTheReadApisOrder() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.MEMBER, 0, 0),
                added(BEN, GroupRole.MEMBER, 0, 0));

        assertThat(state.type()).isEqualTo(ChatType.GROUP);
        assertThat(state.name()).isEqualTo("Five");
        assertThat(state.membersCount()).isEqualTo(3);
        assertThat(state.lastSeq()).isZero();
        assertThat(state.membersInOrder()).extracting(ChatState.Member::userId).containsExactly(ANN, BEN, OWNER);
        assertThat(state.members().get(OWNER).role()).isEqualTo(GroupRole.OWNER);
        assertThat(state.watermarksOf(ANN)).isEqualTo(new ChatState.Watermarks(0, 0));
    }

    @Test
    void membershipBeforeTheGroupsCreationCountsForNothing() {
        ChatState state = fold(added(ANN, GroupRole.MEMBER, 0, 0), sent(1, ANN, 1), receipt(ANN, 1, 1));

        assertThat(state.exists()).isFalse();
        assertThat(state.members()).isEmpty();
        assertThat(state.lastSeq()).isZero();
    }

    @Test
    void addingAMemberWhoIsInChangesNothingNotEvenTheRole() {
        ChatState before = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.MEMBER, 0, 0));

        ChatState after = before.apply(added(ANN, GroupRole.ADMIN, 5, 9));

        assertThat(after).isEqualTo(before);
        assertThat(after.members().get(ANN).joinedAtSeq()).isZero();
    }

    @Test
    void watermarksOnlyGrowAndASenderHasReadWhatTheyWrote() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.MEMBER, 0, 0),
                sent(1, OWNER, 1), sent(2, OWNER, 2), sent(3, OWNER, 3),
                receipt(ANN, 3, 0), receipt(ANN, 3, 2), receipt(ANN, 1, 1));

        assertThat(state.watermarksOf(ANN)).isEqualTo(new ChatState.Watermarks(3, 2));
        assertThat(state.watermarksOf(OWNER)).isEqualTo(new ChatState.Watermarks(3, 3));
        assertThat(state.lastSeq()).isEqualTo(3);
        assertThat(state.lastActivityAt()).isEqualTo(t(3));
        assertThat(state.messages()).isEqualTo(3);
    }

    @Test
    void lastSeqAndActivityNeverGoBack() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), sent(2, OWNER, 20), sent(1, OWNER, 10));

        assertThat(state.lastSeq()).isEqualTo(2);
        assertThat(state.lastActivityAt()).isEqualTo(t(20));
    }

    @Test
    void aRemovedMemberLosesTheirWatermarksAndARejoinedOneStartsFromZeroAtTheirNewJoiningSeq() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.ADMIN, 0, 0),
                sent(1, OWNER, 1), receipt(ANN, 1, 1),
                MemberRemoved.left(GROUP, ANN, t(2)));

        assertThat(state.membersCount()).isEqualTo(1);
        assertThat(state.watermarks()).doesNotContainKey(ANN);

        ChatState afterReceipt = state.apply(receipt(ANN, 1, 1));
        assertThat(afterReceipt.watermarks()).as("a non-member's receipt is dropped").doesNotContainKey(ANN);

        ChatState rejoined = afterReceipt.apply(sent(2, OWNER, 3)).apply(added(ANN, GroupRole.MEMBER, 2, 4));
        assertThat(rejoined.members().get(ANN)).isEqualTo(new ChatState.Member(ANN, GroupRole.MEMBER, 2, t(4)));
        assertThat(rejoined.watermarksOf(ANN)).isEqualTo(new ChatState.Watermarks(0, 0));
        assertThat(rejoined.membersCount()).isEqualTo(2);
    }

    @Test
    void aNonMembersMessageMovesLastSeqButNoWatermark() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), sent(1, BEN, 1));

        assertThat(state.lastSeq()).isEqualTo(1);
        assertThat(state.watermarks()).doesNotContainKey(BEN);
    }

    @Test
    void rolesChangeForMembersOnly() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.MEMBER, 0, 0),
                new RoleChanged(GROUP, ANN, GroupRole.ADMIN, OWNER, t(1)),
                new RoleChanged(GROUP, BEN, GroupRole.ADMIN, OWNER, t(2)));

        assertThat(state.members().get(ANN).role()).isEqualTo(GroupRole.ADMIN);
        assertThat(state.members()).doesNotContainKey(BEN);
    }

    @Test
    void renamesEditsAndRedactionsAreKeptAndOtherEventsIgnored() {
        ChatState state = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), sent(1, OWNER, 1),
                new GroupRenamed(GROUP, "Six", OWNER, t(2)),
                new MessageEdited(GROUP, ChatType.GROUP, 1, OWNER, ENVELOPE, t(3)),
                new MessageRedacted(GROUP, ChatType.GROUP, 1, OWNER, t(4)),
                new UserRegistered(BEN, "ben", "Ben", t(5)), "not an event");

        assertThat(state.name()).isEqualTo("Six");
        assertThat(state.edits()).isEqualTo(1);
        assertThat(state.redactions()).isEqualTo(1);
        assertThat(state.lastActivityAt()).as("edits are not activity for the chat list").isEqualTo(t(1));
    }

    @Test
    void applyIsPureTheEarlierStateIsUnchanged() {
        ChatState before = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.MEMBER, 0, 0));
        ChatState copy = fold(created(), added(OWNER, GroupRole.OWNER, 0, 0), added(ANN, GroupRole.MEMBER, 0, 0));

        before.apply(sent(1, ANN, 1)).apply(receipt(OWNER, 1, 1)).apply(MemberRemoved.removed(GROUP, ANN, OWNER, t(2)));

        assertThat(before).isEqualTo(copy);
    }

    @Test
    void aPrivateChatHasItsTwoParticipantsAndAnyonesReceiptsCount() {
        UUID chat = UUID.randomUUID();
        List<Object> events = List.of(
                new PrivateChatStarted(chat, ANN, OWNER, T0),
                new PrivateMessageSent(chat, UUID.randomUUID(), 1, OWNER, ANN, "c-1", ENVELOPE, t(1)),
                new PrivateMessageSent(chat, UUID.randomUUID(), 2, ANN, OWNER, "c-2", ENVELOPE, t(2)),
                new ReceiptAdvanced(chat, ChatType.PRIVATE, ANN, 1, 1, t(3)),
                new ReceiptAdvanced(chat, ChatType.PRIVATE, OWNER, 2, 0, t(4)));
        ChatState state = ChatState.empty(chat);
        for (Object event : events) {
            state = state.apply(event);
        }

        assertThat(state.type()).isEqualTo(ChatType.PRIVATE);
        assertThat(state.name()).isNull();
        assertThat(state.membersCount()).isEqualTo(2);
        assertThat(state.lastSeq()).isEqualTo(2);
        assertThat(state.createdAt()).isEqualTo(T0);
        assertThat(state.lastActivityAt()).isEqualTo(t(2));
        assertThat(state.watermarksOf(ANN)).isEqualTo(new ChatState.Watermarks(2, 2));
        assertThat(state.watermarksOf(OWNER)).isEqualTo(new ChatState.Watermarks(2, 1));
    }

    @Test
    void aPrivateMessageBeforeTheStartStillOpensTheChatAsTheUpsertDoes() {
        UUID chat = UUID.randomUUID();
        ChatState state = ChatState.empty(chat)
                .apply(new PrivateMessageSent(chat, UUID.randomUUID(), 1, OWNER, ANN, "c-1", ENVELOPE, t(5)))
                .apply(new PrivateChatStarted(chat, ANN, OWNER, T0));

        assertThat(state.members()).containsOnlyKeys(ANN, OWNER);
        assertThat(state.createdAt()).as("started_at is the earliest").isEqualTo(T0);
        assertThat(state.lastActivityAt()).as("activity the latest").isEqualTo(t(5));
        assertThat(state.lastSeq()).isEqualTo(1);
    }
}
