package parley.edge.clientip;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request. It is the connection's peer, unless that peer is a
 * configured trusted proxy: then it is the rightmost {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy. Entries further left were written by the client and prove nothing, so
 * a client that is not a trusted proxy cannot choose its address by sending the header.
 */
@Component
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int IPV6_NETWORK_BYTES = 8;

    private final List<IpRange> trustedProxies;

    public ClientAddress(ClientIpProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().filter(range -> !range.isBlank()).map(IpRange::parse).toList();
    }

    public InetAddress of(HttpServletRequest request) {
        InetAddress peer = IpLiteral.parse(request.getRemoteAddr())
                .orElseThrow(() -> new IllegalStateException("the connection has no IP address: " + request.getRemoteAddr()));
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        InetAddress client = peer;
        for (String hop : forwardedFor(request)) {
            Optional<InetAddress> address = IpLiteral.parse(hop);
            if (address.isEmpty()) {
                // Garbage cannot be the client; the last hop that a trusted proxy vouched for is.
                return client;
            }
            client = address.get();
            if (!isTrustedProxy(client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * The client's address as a rate-limit key. An IPv6 client usually holds a whole /64 network and
     * could rotate through it, so IPv6 addresses are keyed by their /64 prefix.
     */
    public String keyOf(HttpServletRequest request) {
        InetAddress address = of(request);
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        StringJoiner network = new StringJoiner(":", "", "::/64");
        for (int i = 0; i < IPV6_NETWORK_BYTES; i += 2) {
            network.add(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)));
        }
        return network.toString();
    }

    private boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Every hop of every {@code X-Forwarded-For} header, nearest first. */
    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            hops.addAll(List.of(header.split(",")));
        }
        Collections.reverse(hops);
        return hops;
    }
}
