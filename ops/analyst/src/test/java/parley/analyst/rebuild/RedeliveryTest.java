package parley.analyst.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import parley.api.ChatType;
import parley.api.Envelope;
import parley.api.Ids;
import parley.api.group.GroupCreated;
import parley.api.group.GroupMessageSent;
import parley.api.group.GroupRole;
import parley.api.group.MemberAdded;
import parley.api.group.MemberRemoved;
import parley.api.receipt.ReceiptAdvanced;
import parley.local.TestDatabase;
import parley.projections.generation.ProjectionLogic;
import parley.projections.generation.ReadModelMigrations;

/**
 * After a switch the live projections re-apply what Kafka still delivers on top of what the rebuild
 * applied, so an event applied again after later ones must change nothing. The hard case: a member's
 * message and receipt from an earlier membership, redelivered after they left and joined again.
 */
class RedeliveryTest {

    private final TestDatabase database = TestDatabase.create("redelivery");
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
            database.password());
    private final ProjectionLogic projections = ProjectionLogic.over(dataSource);

    @AfterEach
    void close() {
        projections.close();
    }

    @Test
    void aMessageOrReceiptOfAnEarlierMembershipAppliedAgainLeavesNoWatermarkRow() {
        ReadModelMigrations.flyway(dataSource).migrate();
        UUID group = Ids.uuid7();
        UUID owner = Ids.uuid7();
        UUID member = Ids.uuid7();
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        GroupMessageSent early = new GroupMessageSent(group, Ids.uuid7(), 1, member, "c-1", new Envelope("{\"v\":1}"), at);
        ReceiptAdvanced earlyReceipt = new ReceiptAdvanced(group, ChatType.GROUP, member, 1, 1, at);
        apply(new GroupCreated(group, "g", owner, at), 0);
        apply(new MemberAdded(group, owner, GroupRole.OWNER, owner, 0, at), 1);
        apply(new MemberAdded(group, member, GroupRole.MEMBER, owner, 0, at), 2);
        apply(early, 3);
        apply(earlyReceipt, 0);
        assertThat(watermarks(member)).as("a member's own message and receipt move their watermarks").isEqualTo(1);
        apply(MemberRemoved.removed(group, member, owner, at), 4);
        apply(new MemberAdded(group, member, GroupRole.MEMBER, owner, 1, at), 5);
        assertThat(watermarks(member)).isZero();

        apply(early, 3);
        apply(earlyReceipt, 0);

        assertThat(watermarks(member)).as("as a fresh replay has it: no row until the new membership's first receipt").isZero();
        apply(new ReceiptAdvanced(group, ChatType.GROUP, member, 2, 2, at), 1);
        assertThat(watermarks(member)).as("a receipt of the current membership still counts").isEqualTo(1);
    }

    private void apply(Object event, long sequence) {
        projections.dispatch().apply(event, sequence);
    }

    private long watermarks(UUID user) {
        return JdbcClient.create(dataSource).sql("SELECT count(*) FROM group_chat_status WHERE user_id = :user")
                .param("user", user).query(Long.class).single();
    }
}
