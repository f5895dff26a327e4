package parley.query.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import parley.query.read.ReadDatabase;

@Component
class GroupReads {

    static final String GROUP_OF_MEMBER = """
            SELECT g.group_id, g.name, g.members_count FROM parley_read.group_chats g
            JOIN parley_read.group_members m ON m.group_id = g.group_id AND m.user_id = :user
            WHERE g.group_id = :group""";
    static final String MEMBERS_PAGE = """
            SELECT user_id, role, joined_at FROM parley_read.group_members
            WHERE group_id = :group AND user_id > :after
            ORDER BY user_id
            LIMIT :limit""";

    private final JdbcClient jdbc;

    GroupReads(ReadDatabase readDatabase) {
        this.jdbc = readDatabase.jdbc();
    }

    /** Empty unless the caller is a member. */
    Optional<GroupHeader> header(UUID groupId, UUID userId) {
        return jdbc.sql(GROUP_OF_MEMBER).param("group", groupId).param("user", userId)
                .query((rs, n) -> new GroupHeader(rs.getObject("group_id", UUID.class), rs.getString("name"),
                        rs.getInt("members_count")))
                .optional();
    }

    /** Members ordered by user id after {@code after}, up to {@code limit + 1} to detect a next page. */
    List<Member> members(UUID groupId, UUID after, int limit) {
        return jdbc.sql(MEMBERS_PAGE).param("group", groupId).param("after", after).param("limit", limit + 1)
                .query((rs, n) -> new Member(rs.getObject("user_id", UUID.class), rs.getString("role"),
                        rs.getTimestamp("joined_at").toInstant()))
                .list();
    }

    record GroupHeader(UUID groupId, String name, int membersCount) {
    }

    record Member(UUID userId, String role, Instant joinedAt) {
    }
}
