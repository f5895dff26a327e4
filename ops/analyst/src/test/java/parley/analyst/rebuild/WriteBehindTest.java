package parley.analyst.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which projection statements the rebuild may defer into batches: only those that commute. A
 * statement whose effect depends on rows another deferred statement writes, or whose count a
 * projection reads, must run at once (after a flush).
 */
class WriteBehindTest {

    @Test
    void insertsThatDoNothingOnConflictAndMonotoneUpsertsAreDeferred() {
        assertThat(WriteBehind.commutative("""
                INSERT INTO messages (chat_id, seq, message_id, sender_id, client_message_id, envelope, sent_at, chat_type)
                VALUES (?, ?, ?, ?, ?, CAST(? AS json), ?, ?)
                ON CONFLICT DO NOTHING""")).isTrue();
        assertThat(WriteBehind.commutative("""
                INSERT INTO private_chats (chat_id, user_low, user_high, last_seq, last_activity_at, started_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_id) DO UPDATE SET
                    last_seq = GREATEST(private_chats.last_seq, EXCLUDED.last_seq),
                    started_at = LEAST(private_chats.started_at, EXCLUDED.started_at)""")).isTrue();
        assertThat(WriteBehind.commutative("""
                UPDATE group_chats SET last_seq = GREATEST(last_seq, ?), last_activity_at = GREATEST(last_activity_at, ?)
                WHERE group_id = ?""")).isTrue();
    }

    @Test
    void membershipEditsRedactionsDevicesAndQueriesRunAtOnce() {
        assertThat(WriteBehind.commutative("UPDATE group_chats SET version = ? WHERE group_id = ? AND version < ?")).isFalse();
        assertThat(WriteBehind.commutative("INSERT INTO group_members (group_id, user_id, role, joined_at, joined_at_seq)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")).isFalse();
        assertThat(WriteBehind.commutative("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")).isFalse();
        assertThat(WriteBehind.commutative("UPDATE messages SET envelope = NULL, redacted_at = ? WHERE chat_id = ?")).isFalse();
        assertThat(WriteBehind.commutative("INSERT INTO group_chats (group_id, name) VALUES (?, ?) ON CONFLICT (group_id) DO NOTHING"))
                .isFalse();
        assertThat(WriteBehind.commutative("SELECT set_config('search_path', 'read_g2', true)")).isFalse();
    }
}
