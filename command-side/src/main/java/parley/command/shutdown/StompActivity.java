package parley.command.shutdown;

import org.springframework.stereotype.Component;

/** What the drain watches: the inbound and outbound STOMP channels and the open WebSocket connections. */
@Component
class StompActivity {

    final ChannelActivity inbound = new ChannelActivity();
    final ChannelActivity outbound = new ChannelActivity();
    final OpenSockets sockets = new OpenSockets();
}
