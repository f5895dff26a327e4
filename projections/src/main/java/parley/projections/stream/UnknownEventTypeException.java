package parley.projections.stream;

/** A record whose type this version does not know: it goes to the dead-letter topic. */
class UnknownEventTypeException extends RuntimeException {

    UnknownEventTypeException(String type) {
        super("unknown event type " + type);
    }
}
