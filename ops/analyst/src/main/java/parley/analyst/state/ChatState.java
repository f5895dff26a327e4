package parley.analyst.state;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import parley.api.ChatType;
import parley.api.UserPair;
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

/**
 * A chat as the read API shows it, folded from its events in the order of the event log. Every
 * {@code apply} is pure and mirrors what the projections write (parley.projections.group,
 * .privatechat, .receipt, .message), so a replay up to a moment answers what the read API answered
 * then: a group's membership events count only after its creation, an add of a member who is in
 * changes nothing (not even the role), a removal drops the member's watermarks (a rejoined member
 * starts from 0), a group's receipts and a sender's own watermarks move only for current members,
 * a private chat's for anyone, and watermarks, last seq and last activity only ever grow.
 *
 * <p>Maps are persistent (pcollections), so an event changes one entry without copying a group of a
 * thousand members: a replay of 100,000 events stays linear.
 *
 * @param chatId the chat, null before its first event
 * @param type null until the chat was created (a group's messages before its {@code GroupCreated}
 *     are not counted, as the projection has no row to update)
 * @param name the group's name; null for a private chat
 * @param members current members (a private chat's two participants), by user id
 * @param watermarks delivered/read watermarks by user id; a current member without an entry is at 0/0
 * @param messages messages sent, edits and redactions: counts of events, not of distinct messages
 */
public record ChatState(UUID chatId, ChatType type, String name, Instant createdAt, PMap<UUID, Member> members,
                        PMap<UUID, Watermarks> watermarks, long lastSeq, Instant lastActivityAt, long messages, long edits,
                        long redactions) {

    /** A member as {@code group_members} holds one; a private chat's participants have no role. */
    public record Member(UUID userId, GroupRole role, long joinedAtSeq, Instant joinedAt) {

        Member withRole(GroupRole newRole) {
            return new Member(userId, newRole, joinedAtSeq, joinedAt);
        }
    }

    /** A member's watermarks: messages up to these seqs were delivered to, and read by, them. */
    public record Watermarks(long deliveredUpToSeq, long readUpToSeq) {

        static final Watermarks NONE = new Watermarks(0, 0);

        Watermarks advance(long delivered, long read) {
            return delivered <= deliveredUpToSeq && read <= readUpToSeq ? this
                    : new Watermarks(Math.max(deliveredUpToSeq, delivered), Math.max(readUpToSeq, read));
        }
    }

    public static ChatState empty(UUID chatId) {
        return new ChatState(chatId, null, null, null, HashTreePMap.empty(), HashTreePMap.empty(), 0, null, 0, 0, 0);
    }

    public boolean exists() {
        return type != null;
    }

    public int membersCount() {
        return members.size();
    }

    /** The watermarks of {@code userId}, 0/0 when none were recorded (as the read API's COALESCE). */
    public Watermarks watermarksOf(UUID userId) {
        return watermarks.getOrDefault(userId, Watermarks.NONE);
    }

    /**
     * Members ordered as the read API lists them: by user id in PostgreSQL's UUID order, which is
     * unsigned bytewise, i.e. the order of the lower-case text form (Java's {@link UUID#compareTo} is signed).
     */
    public List<Member> membersInOrder() {
        return members.values().stream().sorted(Comparator.comparing(member -> member.userId().toString())).toList();
    }

    /** The state after {@code event}; events of other types (or of other chats' payload kinds) change nothing. */
    public ChatState apply(Object event) {
        // Java 17: no pattern switch yet; the hot types (messages, receipts) are tested first.
        if (event instanceof GroupMessageSent e) {
            return apply(e);
        } else if (event instanceof ReceiptAdvanced e) {
            return apply(e);
        } else if (event instanceof PrivateMessageSent e) {
            return apply(e);
        } else if (event instanceof MemberAdded e) {
            return apply(e);
        } else if (event instanceof MemberRemoved e) {
            return apply(e);
        } else if (event instanceof RoleChanged e) {
            return apply(e);
        } else if (event instanceof GroupRenamed e) {
            return apply(e);
        } else if (event instanceof GroupCreated e) {
            return apply(e);
        } else if (event instanceof PrivateChatStarted e) {
            return apply(e);
        } else if (event instanceof MessageEdited) {
            return new ChatState(chatId, type, name, createdAt, members, watermarks, lastSeq, lastActivityAt, messages,
                    edits + 1, redactions);
        } else if (event instanceof MessageRedacted) {
            return new ChatState(chatId, type, name, createdAt, members, watermarks, lastSeq, lastActivityAt, messages,
                    edits, redactions + 1);
        }
        return this;
    }

    ChatState apply(GroupCreated event) {
        if (exists()) {
            return this; // INSERT ... ON CONFLICT DO NOTHING
        }
        return new ChatState(event.groupId(), ChatType.GROUP, event.name(), event.createdAt(), HashTreePMap.empty(),
                HashTreePMap.empty(), 0, event.createdAt(), messages, edits, redactions);
    }

    ChatState apply(MemberAdded event) {
        if (!isGroup() || members.containsKey(event.userId())) {
            return this;
        }
        Member member = new Member(event.userId(), event.role(), event.joinedAtSeq(), event.addedAt());
        return withMembers(members.plus(event.userId(), member), watermarks);
    }

    ChatState apply(MemberRemoved event) {
        if (!isGroup()) {
            return this;
        }
        return withMembers(members.minus(event.userId()), watermarks.minus(event.userId()));
    }

    ChatState apply(RoleChanged event) {
        Member member = isGroup() ? members.get(event.userId()) : null;
        if (member == null) {
            return this;
        }
        return withMembers(members.plus(event.userId(), member.withRole(event.role())), watermarks);
    }

    ChatState apply(GroupRenamed event) {
        if (!isGroup()) {
            return this;
        }
        return new ChatState(chatId, type, event.name(), createdAt, members, watermarks, lastSeq, lastActivityAt, messages,
                edits, redactions);
    }

    ChatState apply(GroupMessageSent event) {
        if (!isGroup()) {
            return this;
        }
        // A sender has read what they wrote; group watermarks are kept for current members only.
        PMap<UUID, Watermarks> advanced = members.containsKey(event.senderId())
                ? advance(watermarks, event.senderId(), event.seq(), event.seq()) : watermarks;
        return new ChatState(chatId, type, name, createdAt, members, advanced, Math.max(lastSeq, event.seq()),
                later(lastActivityAt, event.sentAt()), messages + 1, edits, redactions);
    }

    ChatState apply(PrivateChatStarted event) {
        return startedPrivately(event.chatId(), event.participantLow(), event.participantHigh(), event.startedAt());
    }

    ChatState apply(PrivateMessageSent event) {
        // The projection orders the pair with UserPair, so this does too.
        UserPair pair = UserPair.of(event.senderId(), event.recipientId());
        ChatState started = startedPrivately(event.chatId(), pair.low(), pair.high(), event.sentAt());
        return new ChatState(started.chatId, started.type, null, started.createdAt, started.members,
                advance(started.watermarks, event.senderId(), event.seq(), event.seq()), Math.max(started.lastSeq, event.seq()),
                started.lastActivityAt, messages + 1, edits, redactions);
    }

    ChatState apply(ReceiptAdvanced event) {
        boolean counts = event.chatType() == ChatType.PRIVATE || (isGroup() && members.containsKey(event.userId()));
        if (!counts) {
            return this; // the group projection keeps no watermarks for non-members
        }
        return withMembers(members, advance(watermarks, event.userId(), event.deliveredUpToSeq(), event.readUpToSeq()));
    }

    /** The upsert of {@code private_chats}: the participants are set once, start is the earliest time, activity the latest. */
    private ChatState startedPrivately(UUID id, UUID low, UUID high, Instant at) {
        if (type == ChatType.PRIVATE) {
            return new ChatState(chatId, type, null, earlier(createdAt, at), members, watermarks, lastSeq,
                    later(lastActivityAt, at), messages, edits, redactions);
        }
        PMap<UUID, Member> participants = HashTreePMap.<UUID, Member>empty()
                .plus(low, new Member(low, null, 0, at)).plus(high, new Member(high, null, 0, at));
        return new ChatState(id, ChatType.PRIVATE, null, at, participants, watermarks, lastSeq, later(lastActivityAt, at),
                messages, edits, redactions);
    }

    private boolean isGroup() {
        return type == ChatType.GROUP;
    }

    private ChatState withMembers(PMap<UUID, Member> newMembers, PMap<UUID, Watermarks> newWatermarks) {
        return new ChatState(chatId, type, name, createdAt, newMembers, newWatermarks, lastSeq, lastActivityAt, messages,
                edits, redactions);
    }

    private static PMap<UUID, Watermarks> advance(PMap<UUID, Watermarks> marks, UUID userId, long delivered, long read) {
        Watermarks current = marks.getOrDefault(userId, Watermarks.NONE);
        Watermarks next = current.advance(delivered, read);
        return next == current && marks.containsKey(userId) ? marks : marks.plus(userId, next);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
