package parley.projections.stream;

/** Applies one event type to the read tables. Must be idempotent: records can be delivered twice. */
public interface Projection<T> {

    Class<T> eventType();

    void apply(T event);
}
