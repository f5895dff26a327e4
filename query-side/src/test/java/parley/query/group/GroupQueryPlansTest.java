package parley.query.group;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.query.QueryPlans;

class GroupQueryPlansTest {

    @Test
    void groupDetailsAreServedByIndexes() {
        try (QueryPlans plans = QueryPlans.onFreshDatabase()) {
            System.out.printf("-- group of a member%n%s%n%n", plans.assertIndexed(GroupReads.GROUP_OF_MEMBER,
                    Map.of("group", UUID.randomUUID(), "user", UUID.randomUUID())));
            System.out.printf("-- group members page%n%s%n%n", plans.assertIndexed(GroupReads.MEMBERS_PAGE,
                    Map.of("group", UUID.randomUUID(), "after", new UUID(0, 0), "limit", 101)));
        }
    }
}
