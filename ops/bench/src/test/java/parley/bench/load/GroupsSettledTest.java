package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupsSettledTest {

    private final GroupsSettled settled = new GroupsSettled();

    @Test
    void settledOnceEveryMemberHeardOfTheLastMember() throws Exception {
        settled.expect("last", 3);
        settled.memberAdded("first");
        settled.memberAdded("last");
        settled.memberAdded("last");
        assertThat(settled.await(Duration.ZERO)).isFalse();

        settled.memberAdded("last");
        assertThat(settled.await(Duration.ZERO)).isTrue();
    }

    @Test
    void withoutGroupsThereIsNothingToWaitFor() throws Exception {
        assertThat(settled.await(Duration.ZERO)).isTrue();
    }
}
