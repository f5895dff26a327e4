package parley.analyst.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import parley.analyst.rebuild.WriteBehind.Parameter;

/**
 * How the rebuild's write-behind shrinks a flush: monotone rows of one key merge into one, rows of a
 * conditional statement are only dropped when another dominates them, and inserts become multi-row
 * statements; anything else is left as it is.
 */
class CoalescingTest {

    private static final String PRIVATE_CHAT = """
            INSERT INTO private_chats (chat_id, user_low, user_high, last_seq, last_activity_at, started_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET
                last_seq = GREATEST(private_chats.last_seq, EXCLUDED.last_seq),
                started_at = LEAST(private_chats.started_at, EXCLUDED.started_at)""";
    private static final String GROUP_STATUS = """
            INSERT INTO group_chat_status (group_id, user_id, delivered_up_to, read_up_to)
            SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?
                          AND joined_at_seq < GREATEST(?, ?))
            ON CONFLICT (group_id, user_id) DO UPDATE SET
                delivered_up_to = GREATEST(group_chat_status.delivered_up_to, EXCLUDED.delivered_up_to)""";
    private static final String MESSAGE = """
            INSERT INTO messages (chat_id, seq, message_id, sender_id, client_message_id, envelope, sent_at, chat_type)
            VALUES (?, ?, ?, ?, ?, CAST(? AS json), ?, ?)
            ON CONFLICT DO NOTHING""";

    private final UUID chat = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Test
    void monotoneRowsOfOneKeyMergeIntoTheirGreatestAndLeastValues() throws Exception {
        Coalescing coalescing = Coalescing.of(PRIVATE_CHAT);
        List<Parameter[]> kept = new ArrayList<>();
        for (Object[] values : List.of(new Object[] {chat, user, user, 5L, 50L, 50L}, new Object[] {chat, user, user, 3L, 30L, 30L},
                new Object[] {chat, user, user, 7L, 70L, 70L})) {
            Parameter[] row = row(values);
            assertThat(coalescing.accepts(row, kept)).isTrue();
            coalescing.add(kept, row);
        }
        assertThat(kept).hasSize(1);
        assertThat(values(kept.get(0))).containsExactly(chat, user, user, 7L, 70L, 30L);
        assertThat(coalescing.accepts(row(chat, user, user, null, 1L, 1L), kept)).as("a value it cannot compare").isFalse();
        assertThat(coalescing.accepts(row(chat, user, user, 1, 1L, 1L), kept)).as("of another type").isFalse();
    }

    @Test
    void rowsOfAConditionalStatementAreDroppedOnlyWhenAnotherDominatesThem() throws Exception {
        Coalescing coalescing = Coalescing.of(GROUP_STATUS);
        List<Parameter[]> kept = new ArrayList<>();
        for (long[] marks : new long[][] {{5, 0}, {1, 10}, {4, 0}, {6, 1}}) {
            Parameter[] row = row(chat, user, marks[0], marks[1], chat, user, marks[0], marks[1]);
            coalescing.add(kept, row);
        }
        // (4,0) and (5,0) are dominated by (6,1); (1,10) passes the membership condition where (6,1) may not
        assertThat(kept).extracting(row -> List.of(row[2].value(), row[3].value()))
                .containsExactly(List.of(1L, 10L), List.of(6L, 1L));
    }

    @Test
    void insertsBecomeMultiRowStatementsAndOtherStatementsNeither() {
        MultiRow multiRow = MultiRow.of(MESSAGE);
        assertThat(multiRow.parameters()).isEqualTo(8);
        assertThat(multiRow.sql(2)).contains("VALUES (?, ?, ?, ?, ?, CAST(? AS json), ?, ?), (?, ?, ?, ?, ?, CAST(? AS json), ?, ?)")
                .endsWith("ON CONFLICT DO NOTHING");
        assertThat(MultiRow.of(GROUP_STATUS)).as("INSERT ... SELECT").isNull();
        assertThat(MultiRow.of("UPDATE group_chats SET last_seq = GREATEST(last_seq, ?) WHERE group_id = ?")).isNull();
        assertThat(Coalescing.of(MESSAGE)).isSameAs(Coalescing.NONE);
    }

    private static Parameter[] row(Object... values) throws NoSuchMethodException {
        Method setObject = PreparedStatement.class.getMethod("setObject", int.class, Object.class);
        Parameter[] row = new Parameter[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = new Parameter(setObject, new Object[] {i + 1, values[i]});
        }
        return row;
    }

    private static List<Object> values(Parameter[] row) {
        List<Object> values = new ArrayList<>();
        for (Parameter parameter : row) {
            values.add(parameter.value());
        }
        return values;
    }
}
