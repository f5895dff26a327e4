package parley.projections.dispatch;

/**
 * Applies one event type to the read tables, whoever delivers it: the Kafka listener ({@code stream})
 * or a rebuild replaying the event store. Must be idempotent: records can be delivered twice.
 */
public interface Projection<T> {

    Class<T> eventType();

    /**
     * @param sequence the event's sequence in its aggregate's stream (CloudEvents {@code sequence}),
     *     for projections that must not apply an older event after a newer one
     */
    void apply(T event, long sequence);

    /** A projection of {@code type} that hands each event to {@code handler}. */
    static <T> Projection<T> of(Class<T> type, java.util.function.ObjLongConsumer<T> handler) {
        return new Projection<>() {
            @Override
            public Class<T> eventType() {
                return type;
            }

            @Override
            public void apply(T event, long sequence) {
                handler.accept(event, sequence);
            }
        };
    }
}
