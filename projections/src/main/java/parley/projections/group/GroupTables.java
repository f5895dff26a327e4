package parley.projections.group;

import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRenamed;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.group.RoleChanged;
import parley.projections.message.MessageTables;
import parley.projections.message.NewMessage;

/**
 * Writes {@code group_chats}, {@code group_members} and group messages. Membership changes apply
 * only if they are newer than the group's {@code version}, and {@code members_count} moves only
 * when a membership row really appeared or disappeared, so it always equals the number of rows.
 */
@Component
class GroupTables {

    private final JdbcClient jdbc;
    private final MessageTables messages;

    GroupTables(JdbcClient jdbc, MessageTables messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    void created(GroupCreated event, long sequence) {
        jdbc.sql("""
                INSERT INTO group_chats (group_id, name, members_count, last_seq, last_activity_at, created_at, version)
                VALUES (:group, :name, 0, 0, :at, :at, :version)
                ON CONFLICT (group_id) DO NOTHING""")
                .param("group", event.groupId()).param("name", event.name())
                .param("at", Timestamp.from(event.createdAt())).param("version", sequence)
                .update();
    }

    void memberAdded(MemberAdded event, long sequence) {
        if (!claim(event.groupId(), sequence)) {
            return;
        }
        int added = jdbc.sql("""
                INSERT INTO group_members (group_id, user_id, role, joined_at, joined_at_seq)
                VALUES (:group, :user, :role, :at, :seq)
                ON CONFLICT DO NOTHING""")
                .param("group", event.groupId()).param("user", event.userId()).param("role", event.role().name())
                .param("at", Timestamp.from(event.addedAt())).param("seq", event.joinedAtSeq())
                .update();
        adjustCount(event.groupId(), added);
    }

    void memberRemoved(MemberRemoved event, long sequence) {
        if (!claim(event.groupId(), sequence)) {
            return;
        }
        int removed = jdbc.sql("DELETE FROM group_members WHERE group_id = :group AND user_id = :user")
                .param("group", event.groupId()).param("user", event.userId()).update();
        jdbc.sql("DELETE FROM group_chat_status WHERE group_id = :group AND user_id = :user")
                .param("group", event.groupId()).param("user", event.userId()).update();
        adjustCount(event.groupId(), -removed);
    }

    void renamed(GroupRenamed event, long sequence) {
        if (claim(event.groupId(), sequence)) {
            jdbc.sql("UPDATE group_chats SET name = :name WHERE group_id = :group")
                    .param("name", event.name()).param("group", event.groupId()).update();
        }
    }

    void roleChanged(RoleChanged event, long sequence) {
        if (claim(event.groupId(), sequence)) {
            jdbc.sql("UPDATE group_members SET role = :role WHERE group_id = :group AND user_id = :user")
                    .param("role", event.role().name()).param("group", event.groupId()).param("user", event.userId())
                    .update();
        }
    }

    void messageSent(GroupMessageSent event, long sequence) {
        messages.insert(NewMessage.of(event));
        jdbc.sql("""
                UPDATE group_chats SET last_seq = GREATEST(last_seq, :seq), last_activity_at = GREATEST(last_activity_at, :at)
                WHERE group_id = :group""")
                .param("seq", event.seq()).param("at", Timestamp.from(event.sentAt())).param("group", event.groupId())
                .update();
    }

    /** Takes the group's version up to {@code sequence}; false if this event was applied before. */
    private boolean claim(UUID groupId, long sequence) {
        return jdbc.sql("UPDATE group_chats SET version = :seq WHERE group_id = :group AND version < :seq")
                .param("seq", sequence).param("group", groupId).update() == 1;
    }

    private void adjustCount(UUID groupId, int delta) {
        if (delta != 0) {
            jdbc.sql("UPDATE group_chats SET members_count = members_count + :delta WHERE group_id = :group")
                    .param("delta", delta).param("group", groupId).update();
        }
    }
}
