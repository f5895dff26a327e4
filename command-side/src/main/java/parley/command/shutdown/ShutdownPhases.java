package parley.command.shutdown;

import org.springframework.context.SmartLifecycle;

/**
 * The order in which a node shuts down: Spring stops higher phases first.
 *
 * <ol>
 * <li>{@link #SESSIONS}: refuse new sessions (readiness down), then drain the connected ones. This is
 * Spring's default phase, the one the STOMP broker, its channels' executors and the WebSocket handler
 * stop in: within it, the draining classes depend on those beans, and Spring stops a bean's
 * dependents before the bean itself.</li>
 * <li>Spring Boot's graceful web server shutdown, then the web server stops ({@code DEFAULT_PHASE - 1024, - 2048}).</li>
 * <li>{@link #EVENT_PROCESSORS}: the tracking processors stop and release their claims, just before Axon's
 * configuration stops ({@link #AXON}, where it would do the same, unlogged and unbounded).</li>
 * <li>{@link #KAFKA_PRODUCER}: once Axon has stopped, so nothing publishes any more, the producer is flushed and closed.</li>
 * <li>{@link #POOLS}: after everything else (Axon's external connections included), the database and Redis pools.</li>
 * </ol>
 */
final class ShutdownPhases {

    static final int SESSIONS = SmartLifecycle.DEFAULT_PHASE;
    /** The phase of Axon's {@code SpringAxonConfiguration}, which stops all of Axon at once. */
    static final int AXON = SmartLifecycle.DEFAULT_PHASE - 3072;
    static final int EVENT_PROCESSORS = AXON + 1;
    static final int KAFKA_PRODUCER = AXON - 1;
    static final int POOLS = Integer.MIN_VALUE + 1;

    private ShutdownPhases() {
    }
}
