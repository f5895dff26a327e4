package parley.analyst.state;

import java.time.Instant;

/**
 * Up to where a replay goes: a time (events stored at or before it, inclusive), a global index
 * (inclusive), or everything there is now.
 */
public record PointInTime(Instant time, Long position) {

    public static PointInTime time(Instant time) {
        return new PointInTime(time, null);
    }

    public static PointInTime position(long position) {
        return new PointInTime(null, position);
    }

    public static PointInTime now() {
        return new PointInTime(null, null);
    }

    /** The exclusive upper time bound of {@link parley.analyst.EventFilter}: inclusive of {@link #time} itself. */
    Instant exclusiveTimeBound() {
        return time == null ? null : time.plusNanos(1);
    }

    String describe() {
        return time != null ? "at " + time : position != null ? "at position " + position : "now";
    }
}
