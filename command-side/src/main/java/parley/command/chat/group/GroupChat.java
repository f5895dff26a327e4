package parley.command.chat.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import parley.api.group.GroupCommands.AddMember;
import parley.api.group.GroupCommands.CreateGroup;
import parley.api.group.GroupCommands.LeaveGroup;
import parley.api.group.GroupCommands.RemoveMember;
import parley.api.group.GroupCommands.RenameGroup;
import parley.api.group.GroupCommands.SendGroupMessage;
import parley.api.group.GroupCommands.SetRole;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.api.ChatType;
import parley.api.message.MessageCommands.EditGroupMessage;
import parley.api.message.MessageCommands.RedactGroupMessage;
import parley.api.message.MessageEdited;
import parley.api.message.MessageRedacted;
import parley.api.privatechat.MessageAccepted;
import parley.command.chat.BoundedMaps;
import parley.command.chat.MessageRules;
import parley.command.chat.RecentMessages;
import parley.command.chat.RecentSends;

/**
 * A group chat: who is in it with which role, the per-group {@code seq}, and recent sends for retry
 * detection. Command handlers decide (through {@link GroupRules}); event handlers only assign.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "groupChatCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class GroupChat {

    @AggregateIdentifier
    private UUID groupId;
    /** Null in snapshots taken before names were kept: the next rename is then recorded even if unchanged. */
    private String name;
    private HashMap<UUID, GroupRole> members = new HashMap<>();
    /** Who left or was removed lately, so that their resent leave is recognised; bounded like the other windows. */
    private LinkedHashMap<UUID, Boolean> departed = new LinkedHashMap<>();
    private long lastSeq;
    private RecentSends recentSends = new RecentSends();
    private RecentMessages recentMessages = new RecentMessages();

    static final int DEPARTED_WINDOW = 1024;

    protected GroupChat() {
        // required by Axon and for snapshots
    }

    /**
     * Creates the group, or recognises a resent creation: the id derives from the creator and the
     * command's client id ({@link parley.api.Ids#groupId}), so the resend finds the group it created
     * and is answered alike with no new event, however the group changed since.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UUID handle(CreateGroup command, GroupLimits limits, Clock clock) {
        if (groupId != null) {
            return groupId;
        }
        String name = GroupRules.validName(command.name(), limits);
        LinkedHashSet<UUID> others = GroupRules.initialMembers(command, limits);
        // One instant for the whole creation: a MemberAdded at the group's createdAt is an initial member
        // (live push tells each only of their own joining, see LivePush).
        Instant createdAt = clock.instant();
        apply(new GroupCreated(command.groupId(), name, command.creatorId(), createdAt));
        apply(new MemberAdded(command.groupId(), command.creatorId(), GroupRole.OWNER, command.creatorId(), 0, createdAt));
        for (UUID member : others) {
            apply(new MemberAdded(command.groupId(), member, GroupRole.MEMBER, command.creatorId(), 0, createdAt));
        }
        return command.groupId();
    }

    @CommandHandler
    public void handle(RenameGroup command, GroupLimits limits, Clock clock) {
        rules().requireManager(command.actorId());
        String newName = GroupRules.validName(command.name(), limits);
        if (!newName.equals(name)) { // a resent rename changes nothing
            apply(new GroupRenamed(groupId, newName, command.actorId(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(AddMember command, GroupLimits limits, Clock clock) {
        rules().requireManager(command.actorId());
        if (members.containsKey(command.userId())) {
            return; // already in: a retried add changes nothing
        }
        rules().requireRoomFor(1, limits);
        apply(new MemberAdded(groupId, command.userId(), GroupRole.MEMBER, command.actorId(), lastSeq, clock.instant()));
    }

    @CommandHandler
    public void handle(RemoveMember command, Clock clock) {
        if (!members.containsKey(command.userId())) {
            rules().requireManager(command.actorId());
            return; // already out
        }
        rules().requireMayRemove(command.actorId(), command.userId());
        apply(MemberRemoved.removed(groupId, command.userId(), command.actorId(), clock.instant()));
    }

    @CommandHandler
    public void handle(LeaveGroup command, Clock clock) {
        if (!members.containsKey(command.userId()) && departed.containsKey(command.userId())) {
            return; // gone already: a resent leave changes nothing
        }
        rules().requireMember(command.userId());
        rules().requireNotLastOwnerLeaving(command.userId());
        apply(MemberRemoved.left(groupId, command.userId(), clock.instant()));
    }

    @CommandHandler
    public void handle(SetRole command, Clock clock) {
        boolean ownRoleAsAsked = command.actorId().equals(command.userId()) && command.role() != null
                && members.get(command.userId()) == command.role();
        if (ownRoleAsAsked) {
            // An owner who stepped down can no longer change roles: their resent step-down changes nothing (found by
            // GroupChatPropertyTest, which had it refused as FORBIDDEN although the first one was done).
            return;
        }
        rules().requireMayChangeRole(command.actorId(), command.userId(), command.role());
        if (members.get(command.userId()) != command.role()) {
            apply(new RoleChanged(groupId, command.userId(), command.role(), command.actorId(), clock.instant()));
        }
    }

    @CommandHandler
    public MessageAccepted handle(SendGroupMessage command, Clock clock) {
        rules().requireMember(command.senderId());
        MessageRules.validate(command.clientMessageId(), command.envelope());
        MessageAccepted earlier = recentSends.find(command.senderId(), command.clientMessageId());
        if (earlier != null) {
            return earlier;
        }
        long seq = lastSeq + 1;
        apply(new GroupMessageSent(groupId, command.messageId(), seq, command.senderId(), command.clientMessageId(),
                command.envelope(), clock.instant()));
        return new MessageAccepted(groupId, command.messageId(), seq);
    }

    @CommandHandler
    public void handle(EditGroupMessage command, Clock clock) {
        rules().requireMember(command.editorId());
        if (recentMessages.requireEditable(command.seq(), command.editorId(), command.envelope())) {
            apply(new MessageEdited(groupId, ChatType.GROUP, command.seq(), command.editorId(), command.envelope(),
                    recentMessages.editTime(command.seq(), clock.instant())));
        }
    }

    /** Admins and owners moderate: they may redact anyone's message. */
    @CommandHandler
    public void handle(RedactGroupMessage command, Clock clock) {
        rules().requireMember(command.redactorId());
        boolean moderator = members.get(command.redactorId()).canManageMembers();
        if (recentMessages.requireRedactable(command.seq(), command.redactorId(), moderator)) {
            apply(new MessageRedacted(groupId, ChatType.GROUP, command.seq(), command.redactorId(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        groupId = event.groupId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(GroupRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(MemberAdded event) {
        members.put(event.userId(), event.role());
        departed.remove(event.userId());
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
        BoundedMaps.put(departed, event.userId(), Boolean.TRUE, DEPARTED_WINDOW);
    }

    @EventSourcingHandler
    void on(RoleChanged event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(GroupMessageSent event) {
        lastSeq = event.seq();
        recentSends.remember(event.senderId(), event.clientMessageId(),
                new MessageAccepted(event.groupId(), event.messageId(), event.seq()));
        recentMessages.sent(event.seq(), event.senderId());
    }

    @EventSourcingHandler
    void on(MessageEdited event) {
        recentMessages.edited(event.seq(), event.envelope(), event.editedAt());
    }

    @EventSourcingHandler
    void on(MessageRedacted event) {
        recentMessages.redacted(event.seq());
    }

    private GroupRules rules() {
        return new GroupRules(members);
    }
}
