package parley.projections.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands an event to the projection of its type. The live listener and {@code ./parley analyst rebuild}
 * both go through it, so a rebuild applies exactly the live projection logic.
 */
public final class ProjectionDispatch {

    private final Map<Class<?>, Projection<?>> byType = new HashMap<>();

    public ProjectionDispatch(List<Projection<?>> projections) {
        for (Projection<?> projection : projections) {
            if (byType.put(projection.eventType(), projection) != null) {
                throw new IllegalStateException("two projections of " + projection.eventType().getName());
            }
        }
    }

    /**
     * Applies {@code payload}; false if no projection handles its type.
     *
     * @param sequence the event's sequence in its aggregate's stream
     */
    public boolean apply(Object payload, long sequence) {
        Projection<?> projection = byType.get(payload.getClass());
        if (projection == null) {
            return false;
        }
        applyTyped(projection, payload, sequence);
        return true;
    }

    public int size() {
        return byType.size();
    }

    @SuppressWarnings("unchecked")
    private static <T> void applyTyped(Projection<T> projection, Object payload, long sequence) {
        projection.apply((T) payload, sequence);
    }
}
