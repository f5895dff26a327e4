package parley.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat of the run.
 *
 * @param index its position in the ledger
 * @param members in a fixed order: a member's position is its index in the ledger
 */
record BenchChat(int index, String chatId, boolean group, List<BenchUser> members, Map<String, Integer> positions) {

    BenchChat(int index, String chatId, boolean group, List<BenchUser> members) {
        this(index, chatId, group, List.copyOf(members), positionsOf(members));
    }

    /** The member's position (looked up for every delivery, hence the map), -1 if not a member. */
    int memberIndex(String userId) {
        return positions.getOrDefault(userId, -1);
    }

    private static Map<String, Integer> positionsOf(List<BenchUser> members) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            positions.put(members.get(i).userId(), i);
        }
        return Map.copyOf(positions);
    }
}
