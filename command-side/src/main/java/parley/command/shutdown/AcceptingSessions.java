package parley.command.shutdown;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether this node takes new WebSocket sessions. Refusing is the first shutdown step (run by
 * {@link SessionDrain}): the readiness probe turns to not-ready, so the load balancer stops sending
 * new connections here, and handshakes and STOMP CONNECTs that still arrive are refused.
 */
@Component
public class AcceptingSessions {

    /** The reason a draining node gives for refusing a handshake or CONNECT. */
    public static final String DRAINING = "this node is shutting down; connect to another node";

    private final ApplicationEventPublisher events;
    private volatile boolean accepting = true;

    AcceptingSessions(ApplicationEventPublisher events) {
        this.events = events;
    }

    public boolean accepting() {
        return accepting;
    }

    void refuse() {
        accepting = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }
}
