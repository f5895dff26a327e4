package parley.analyst.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import parley.analyst.rebuild.WriteBehind.Parameter;

/**
 * How the deferred rows of one monotone projection statement merge per row key before they are
 * sent, so a flush sends one row per chat or member instead of one per event. Every merged column
 * only ever moves one way ({@code GREATEST} or {@code LEAST} in the statement), and no other column
 * of such a row changes after it is first written, so applying the merged row leaves what applying
 * each row in turn leaves.
 *
 * <p>A statement that writes only under a condition on its values (a group watermark appears only
 * for a member whose {@code joined_at_seq} is below the greater watermark) is not merged: of its rows
 * only those are dropped that another row of the same key dominates in every merged value (whenever
 * the dropped one would be written, the dominating one is too, and leaves at least as much).
 *
 * <p>The parameter positions are those of the projection classes' SQL as Spring's named parameters
 * expand it; a row whose shape or values do not fit is not merged but run alone ({@link #accepts}).
 */
final class Coalescing {

    enum Merge { MAX, MIN }

    static final Coalescing NONE = new Coalescing(null, 0, new int[0], Map.of(), false);

    private static final List<Coalescing> KNOWN = List.of(
            // (chat_id, user_low, user_high, last_seq, last_activity_at, started_at)
            new Coalescing(Pattern.compile("^\\s*INSERT INTO private_chats .*", Pattern.DOTALL), 6, new int[] {1},
                    Map.of(4, Merge.MAX, 5, Merge.MAX, 6, Merge.MIN), false),
            // (chat_id, user_id, delivered_up_to, read_up_to)
            new Coalescing(Pattern.compile("^\\s*INSERT INTO private_chat_status .*", Pattern.DOTALL), 4, new int[] {1, 2},
                    Map.of(3, Merge.MAX, 4, Merge.MAX), false),
            // (group, user, delivered, read) selected, then (group, user, delivered, read) in the membership condition
            new Coalescing(Pattern.compile("^\\s*INSERT INTO group_chat_status .*", Pattern.DOTALL), 8, new int[] {1, 2},
                    Map.of(3, Merge.MAX, 4, Merge.MAX, 7, Merge.MAX, 8, Merge.MAX), true),
            // SET last_seq = GREATEST(last_seq, ?), last_activity_at = GREATEST(last_activity_at, ?) WHERE group_id = ?
            new Coalescing(Pattern.compile("^\\s*UPDATE group_chats SET last_seq = GREATEST.*", Pattern.DOTALL), 3, new int[] {3},
                    Map.of(1, Merge.MAX, 2, Merge.MAX), false));

    private final Pattern pattern;
    private final int parameters;
    private final int[] key;
    private final Map<Integer, Merge> merges;
    private final boolean conditional;

    private Coalescing(Pattern pattern, int parameters, int[] key, Map<Integer, Merge> merges, boolean conditional) {
        this.pattern = pattern;
        this.parameters = parameters;
        this.key = key;
        this.merges = merges;
        this.conditional = conditional;
    }

    /** The merge of this statement, {@link #NONE} if its rows are all kept. */
    static Coalescing of(String sql) {
        return KNOWN.stream().filter(known -> known.pattern.matcher(sql).matches()).findFirst().orElse(NONE);
    }

    /** Whether the row has the expected shape, a key, and merged values comparable with those of its key's rows. */
    boolean accepts(Parameter[] row, List<Parameter[]> sameKey) {
        if (row.length != parameters) {
            return false;
        }
        for (int index : key) {
            if (row[index - 1] == null || row[index - 1].value() == null) {
                return false;
            }
        }
        for (int index : merges.keySet()) {
            Object value = row[index - 1] == null ? null : row[index - 1].value();
            if (!(value instanceof Comparable<?>)) {
                return false;
            }
            if (sameKey != null && !sameKey.isEmpty() && sameKey.get(0)[index - 1].value().getClass() != value.getClass()) {
                return false;
            }
        }
        return true;
    }

    Object key(Parameter[] row) {
        List<Object> values = new ArrayList<>(key.length);
        for (int index : key) {
            values.add(row[index - 1].value());
        }
        return values;
    }

    /** Adds {@code row} to the rows kept for its key. */
    void add(List<Parameter[]> kept, Parameter[] row) {
        if (kept.isEmpty()) {
            kept.add(row);
        } else if (!conditional) {
            Parameter[] merged = kept.get(0);
            for (Map.Entry<Integer, Merge> merge : merges.entrySet()) {
                int i = merge.getKey() - 1;
                if (moves(merge.getValue(), merged[i].value(), row[i].value())) {
                    merged[i] = row[i];
                }
            }
        } else if (kept.stream().noneMatch(other -> dominates(other, row))) {
            kept.removeIf(other -> dominates(row, other));
            kept.add(row);
        }
    }

    /** Whether {@code a} would leave at least what {@code b} leaves, in every merged value. */
    private boolean dominates(Parameter[] a, Parameter[] b) {
        for (Map.Entry<Integer, Merge> merge : merges.entrySet()) {
            int i = merge.getKey() - 1;
            if (moves(merge.getValue(), a[i].value(), b[i].value())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code candidate} is beyond {@code current} in the merge's direction. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean moves(Merge merge, Object current, Object candidate) {
        int order = ((Comparable) candidate).compareTo(current);
        return merge == Merge.MAX ? order > 0 : order < 0;
    }
}
