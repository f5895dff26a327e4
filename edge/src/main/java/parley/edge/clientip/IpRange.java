package parley.edge.clientip;

import java.net.InetAddress;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or one address. */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public static IpRange parse(String cidr) {
        String[] parts = cidr.strip().split("/", 2);
        InetAddress address = IpLiteral.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + cidr));
        int bits = address.getAddress().length * 8;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        return new IpRange(address.getAddress(), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
