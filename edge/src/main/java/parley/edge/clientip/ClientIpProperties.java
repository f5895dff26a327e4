package parley.edge.clientip;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies in front of this service
 *     (e.g. {@code 10.0.0.0/8}); only a request whose direct peer is one of them may name the client
 *     in {@code X-Forwarded-For}. Empty (the default): the header is ignored.
 */
@ConfigurationProperties("parley.client-ip")
public record ClientIpProperties(List<String> trustedProxies) {

    public ClientIpProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
