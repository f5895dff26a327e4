package parley.edge.clientip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    private static final ClientAddress NO_PROXIES = new ClientAddress(new ClientIpProperties(List.of()));
    private static final ClientAddress BEHIND_PROXIES = new ClientAddress(new ClientIpProperties(List.of("10.0.0.0/8", "192.168.1.7")));

    @Test
    void withoutTrustedProxiesTheConnectionsPeerIsTheClientWhateverTheHeaderSays() {
        assertThat(NO_PROXIES.keyOf(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(NO_PROXIES.keyOf(request("10.1.2.3", "198.51.100.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aPeerThatIsNotATrustedProxyCannotChooseItsAddress() {
        assertThat(BEHIND_PROXIES.keyOf(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(BEHIND_PROXIES.keyOf(request("192.168.1.8", "198.51.100.1"))).as("next to a trusted address").isEqualTo("192.168.1.8");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "198.51.100.1"))).isEqualTo("198.51.100.1");
        // The client sent "1.1.1.1" itself; our proxies appended the real hops to the right of it.
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "1.1.1.1, 198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "1.1.1.1", "198.51.100.1"))).as("several headers").isEqualTo("198.51.100.1");
    }

    @Test
    void behindATrustedProxyWithoutAUsableHeaderTheNearestVouchedForHopIsTheClient() {
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "unknown"))).isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "garbage, 10.3.3.3"))).isEqualTo("10.3.3.3");
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "10.1.1.1, 10.2.2.2"))).as("all hops are proxies").isEqualTo("10.1.1.1");
    }

    @Test
    void hostNamesInTheHeaderAreNeverResolved() {
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "localhost"))).isEqualTo("10.0.0.5");
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "example.com"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        assertThat(NO_PROXIES.keyOf(request("2001:db8:1:2:aaaa::1"))).isEqualTo("2001:db8:1:2::/64");
        assertThat(NO_PROXIES.keyOf(request("2001:db8:1:2:bbbb::9"))).isEqualTo("2001:db8:1:2::/64");
        assertThat(BEHIND_PROXIES.keyOf(request("10.0.0.5", "[2001:db8:0:3::5]"))).isEqualTo("2001:db8:0:3::/64");
        assertThat(NO_PROXIES.keyOf(request("::ffff:203.0.113.9"))).as("IPv4-mapped").isEqualTo("203.0.113.9");
    }

    @Test
    void aMisconfiguredProxyRangeFailsAtStartup() {
        assertThatThrownBy(() -> new ClientAddress(new ClientIpProperties(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(new ClientIpProperties(List.of("proxy.internal"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/chats");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }
}
