package parley.command.shutdown;

import java.time.Duration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import parley.command.push.LocalSessions;

/**
 * The first shutdown phase: refuse new sessions, tell every connected client to reconnect elsewhere,
 * let the commands already sent complete and their replies go out, then close each WebSocket with
 * 1012 (service restart).
 *
 * <p>It depends on the STOMP infrastructure, which stops in the same phase, so Spring stops this
 * first and the broker, the channels and the WebSocket handler still work while it drains.
 */
@Component
@DependsOn({"subProtocolWebSocketHandler", "simpleBrokerMessageHandler", "userDestinationMessageHandler",
        "simpAnnotationMethodMessageHandler", "clientInboundChannelExecutor", "clientOutboundChannelExecutor"})
class SessionDrain extends StopOnly {

    private final AcceptingSessions accepting;
    private final StompActivity activity;
    private final SimpUserRegistry users;
    private final LocalSessions localSessions;
    private final ShutdownClock clock;
    private final Duration quietPeriod;
    /** Left for the later steps (processors, producer, pools) however slowly the clients go. */
    private final Duration reservedForLaterSteps;

    SessionDrain(AcceptingSessions accepting, StompActivity activity, SimpUserRegistry users, LocalSessions localSessions,
            ShutdownClock clock, ShutdownProperties properties) {
        this.accepting = accepting;
        this.activity = activity;
        this.users = users;
        this.localSessions = localSessions;
        this.clock = clock;
        this.quietPeriod = properties.quietPeriod();
        this.reservedForLaterSteps = properties.gracePeriod().dividedBy(5);
    }

    @Override
    void onStop() {
        clock.step("readiness down, new sessions refused", accepting::refuse);
        if (activity.sockets.count() == 0) {
            return; // no session, so no command in flight either
        }
        clock.step("Reconnect sent to " + users.getUserCount() + " users", this::sendReconnect);
        clock.step("in-flight commands completed and replies sent", this::awaitQuiet);
        int open = activity.sockets.count();
        clock.step(open + " WebSockets closed with 1012", this::closeSockets);
    }

    private void sendReconnect() {
        for (SimpUser user : users.getUsers()) {
            localSessions.sendToUser(user.getName(), Reconnect.shutdown());
        }
        activity.outbound.touched();
    }

    private void awaitQuiet() {
        if (!ChannelActivity.awaitQuiet(quietPeriod, drainBudget(), activity.inbound, activity.outbound)) {
            throw new IllegalStateException("STOMP channels still busy; closing the sessions anyway");
        }
    }

    private void closeSockets() {
        if (!activity.sockets.closeAll(CloseStatus.SERVICE_RESTARTED, drainBudget())) {
            throw new IllegalStateException(activity.sockets.count() + " WebSockets did not close in time");
        }
    }

    private Duration drainBudget() {
        Duration left = clock.remaining().minus(reservedForLaterSteps);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public int getPhase() {
        return ShutdownPhases.SESSIONS;
    }
}
