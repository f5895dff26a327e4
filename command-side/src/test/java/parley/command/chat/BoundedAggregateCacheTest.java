package parley.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void anEntryNobodyElseHoldsSurvivesGarbageCollection() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, Duration.ofMinutes(5));
        cache.put("chat", new Object());
        WeakReference<Object> held = new WeakReference<>(cache.get("chat"));

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(held.get()).isNotNull();
        assertThat((Object) cache.get("chat")).isSameAs(held.get());
    }

    @Test
    void theBoundEvictsAndTellsTheListeners() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100, Duration.ofMinutes(5));
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                synchronized (expired) {
                    expired.add(key);
                }
            }
        });

        for (int i = 0; i < 300; i++) {
            cache.put("chat-" + i, i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
        // Caffeine tells removal listeners on its own executor: awaited, not assumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            synchronized (expired) {
                return expired.size() >= 200;
            }
        });
    }

    @Test
    void anUntouchedEntryExpires() throws InterruptedException {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, Duration.ofMillis(1));
        cache.put("chat", "state");
        Thread.sleep(20);

        assertThat(cache.containsKey("chat")).isFalse();
    }

    @Test
    void putGetRemoveAndComputeBehaveLikeAMap() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10, Duration.ofMinutes(5));
        List<String> seen = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });

        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        cache.put("a", 3);
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 4)).isEqualTo(4);
        cache.<Integer>computeIfPresent("b", value -> value + 1);
        assertThat((Integer) cache.get("b")).isEqualTo(5);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(seen).containsExactly("created a", "updated a", "created b", "updated b", "removed a", "removed b");
    }
}
