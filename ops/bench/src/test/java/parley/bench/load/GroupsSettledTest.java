package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsSettledTest {

    private final GroupsSettled settled = new GroupsSettled();

    @Test
    void aGroupCreatedWholeIsSettledOnceEveryMemberHeardOfItsOwnJoining() throws Exception {
        settled.expect(List.of("a", "b", "c"), 100);
        settled.memberAdded("a", "a");
        settled.memberAdded("b", "a");
        settled.memberAdded("c", "c");
        assertThat(settled.await(Duration.ZERO)).as("b has not heard of its own joining").isFalse();

        settled.memberAdded("b", "b");
        settled.memberAdded("b", "b");
        assertThat(settled.await(Duration.ZERO)).isTrue();
    }

    @Test
    void aGroupGrownAfterItsCreationIsSettledOnceEveryMemberHeardOfTheLastAddition() throws Exception {
        settled.expect(List.of("a", "b", "c"), 2);
        settled.memberAdded("a", "a");
        settled.memberAdded("b", "b");
        settled.memberAdded("a", "c");
        settled.memberAdded("c", "c");
        assertThat(settled.await(Duration.ZERO)).isFalse();

        settled.memberAdded("b", "c");
        assertThat(settled.await(Duration.ZERO)).isTrue();
    }

    @Test
    void withoutGroupsThereIsNothingToWaitFor() throws Exception {
        assertThat(settled.await(Duration.ZERO)).isTrue();
    }
}
