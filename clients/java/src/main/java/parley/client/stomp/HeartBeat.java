package parley.client.stomp;

import java.time.Duration;

/**
 * Heart-beat negotiation (STOMP 1.2 §Heart-beating): each side offers {@code cx,cy} ("I can send every cx ms,
 * I want to receive every cy ms"); 0 means never. The negotiated intervals are the larger of the two wishes,
 * or none when either side says 0.
 *
 * @param sendEvery    how often this client sends a heart-beat; {@link Duration#ZERO} for never
 * @param expectEvery  how often the server promised to send something; {@link Duration#ZERO} for never
 */
public record HeartBeat(Duration sendEvery, Duration expectEvery) {

    public static final HeartBeat NONE = new HeartBeat(Duration.ZERO, Duration.ZERO);

    /** The {@code heart-beat} header this client sends in CONNECT. */
    public static String offer(Duration canSend, Duration wantsToReceive) {
        return canSend.toMillis() + "," + wantsToReceive.toMillis();
    }

    /**
     * @param clientOffer the value this client sent in CONNECT
     * @param serverHeader the CONNECTED frame's {@code heart-beat} header (absent means {@code 0,0})
     */
    public static HeartBeat negotiate(String clientOffer, String serverHeader) {
        long[] client = parse(clientOffer);
        long[] server = parse(serverHeader == null ? "0,0" : serverHeader);
        return new HeartBeat(interval(client[0], server[1]), interval(server[0], client[1]));
    }

    /** The server is considered gone after this long without a byte (twice the promise, for network slack). */
    public Duration silenceLimit() {
        return expectEvery.multipliedBy(2);
    }

    private static Duration interval(long senderCan, long receiverWants) {
        return senderCan == 0 || receiverWants == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(senderCan, receiverWants));
    }

    private static long[] parse(String header) {
        String[] parts = header.split(",");
        if (parts.length != 2) {
            throw new StompProtocolException("heart-beat header is not two numbers: " + header);
        }
        try {
            return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new StompProtocolException("heart-beat header is not two numbers: " + header);
        }
    }
}
