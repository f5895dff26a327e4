package parley.client.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import parley.client.http.ApiException;

/** A group the read side does not list yet is read again a few times; any other refusal stands at once. */
class GroupMembersTest {

    private static final long[] QUICK = {1, 1, 1};

    @Test
    void aGroupListedAfterAFewReadsIsRead() {
        AtomicInteger reads = new AtomicInteger();
        GroupMembers groups = new GroupMembers(groupId -> {
            if (reads.incrementAndGet() < 3) {
                throw new ApiException("GET /api/groups/" + groupId, 404, null);
            }
            return List.of("alice", "bob");
        }, QUICK);

        assertThat(groups.of("g")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(reads).hasValue(3);
    }

    @Test
    void aGroupNeverListedIsRefusedAfterTheRetries() {
        AtomicInteger reads = new AtomicInteger();
        GroupMembers groups = new GroupMembers(groupId -> {
            reads.incrementAndGet();
            throw new ApiException("GET /api/groups/" + groupId, 404, null);
        }, QUICK);

        assertThatThrownBy(() -> groups.of("g")).isInstanceOf(ApiException.class);
        assertThat(reads).hasValue(QUICK.length + 1);
    }

    @Test
    void anotherRefusalIsNotRetried() {
        AtomicInteger reads = new AtomicInteger();
        GroupMembers groups = new GroupMembers(groupId -> {
            reads.incrementAndGet();
            throw new ApiException("GET /api/groups/" + groupId, 403, null);
        }, QUICK);

        assertThatThrownBy(() -> groups.of("g")).isInstanceOf(ApiException.class);
        assertThat(reads).hasValue(1);
    }
}
