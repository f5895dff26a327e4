package parley.command.chat.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.api.Ids;
import parley.api.group.GroupCommands.AddMember;
import parley.api.group.GroupCommands.CreateGroup;
import parley.api.group.GroupCommands.RemoveMember;
import parley.command.CommandSideApplication;
import parley.command.testing.PlatformProperties;
import parley.command.testing.SecondNode;

/**
 * Two nodes add and remove members of one group at the same time. Their appends collide on the
 * group's event sequence; the losers are retried, and no change is lost.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentMembershipIntegrationTest {

    private static ConfigurableApplicationContext nodeB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "concurrent");
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Autowired
    Environment environment;
    @Autowired
    CommandGateway nodeA;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentAddsAndRemovesOnTwoNodesAreAllApplied() throws Exception {
        nodeB = SecondNode.startLike(environment);
        CommandGateway nodeBGateway = nodeB.getBean(CommandGateway.class);
        UUID owner = Ids.uuid7();
        UUID group = Ids.uuid7();
        List<UUID> leaving = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leaving.add(Ids.uuid7());
        }
        nodeA.sendAndWait(new CreateGroup(group, owner, "Busy", leaving));

        List<UUID> joining = new ArrayList<>();
        List<CompletableFuture<Object>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID user = Ids.uuid7();
            joining.add(user);
            CommandGateway gateway = i % 2 == 0 ? nodeA : nodeBGateway;
            results.add(gateway.send(new AddMember(group, owner, user)));
            if (i < leaving.size()) {
                results.add((i % 2 == 0 ? nodeBGateway : nodeA).send(new RemoveMember(group, owner, leaving.get(i))));
            }
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<UUID> members = jdbc.sql("SELECT user_id FROM chat_members WHERE chat_id = :g").param("g", group)
                .query(UUID.class).list();
        assertThat(members).containsExactlyInAnyOrderElementsOf(concat(List.of(owner), joining));
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :g")
                .param("g", group.toString()).query(Long.class).single())
                .as("created, 11 initial members, 20 adds, 10 removals").isEqualTo(42);
    }

    private static List<UUID> concat(List<UUID> first, List<UUID> second) {
        List<UUID> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
