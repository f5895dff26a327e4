package parley.command.chat;

import java.util.LinkedHashMap;

/** Insertion-ordered maps that forget their oldest entries beyond a limit. */
public final class BoundedMaps {

    private BoundedMaps() {
    }

    public static <K, V> void put(LinkedHashMap<K, V> map, K key, V value, int limit) {
        map.put(key, value);
        while (map.size() > limit) {
            map.remove(map.keySet().iterator().next());
        }
    }
}
