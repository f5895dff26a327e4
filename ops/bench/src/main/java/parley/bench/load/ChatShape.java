package parley.bench.load;

/**
 * How the scenario's users are grouped into chats.
 *
 * @param groupSize 2 for private chats (pairs), else the members of each group
 * @param chats how many chats of that size; users = groupSize x chats, nobody in two chats
 */
public record ChatShape(boolean privatePairs, int groupSize, int chats) {

    public ChatShape {
        if (privatePairs && groupSize != 2) {
            throw new IllegalArgumentException("a private chat has two members");
        }
        if (groupSize < 2 || chats < 1) {
            throw new IllegalArgumentException("a chat needs at least two members, and a shape at least one chat");
        }
    }

    public static ChatShape privatePairs(int pairs) {
        return new ChatShape(true, 2, pairs);
    }

    public static ChatShape groups(int groupSize, int groups) {
        return new ChatShape(false, groupSize, groups);
    }

    public int users() {
        return groupSize * chats;
    }

    @Override
    public String toString() {
        return privatePairs ? chats + " private chats" : chats + " group" + (chats == 1 ? "" : "s") + " of " + groupSize;
    }
}
