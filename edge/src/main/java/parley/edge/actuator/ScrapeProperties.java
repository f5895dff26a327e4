package parley.edge.actuator;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} (the only actuator endpoint besides health that is
 * exposed at all): a client whose address is in {@code allowedAddresses}, or one that presents
 * {@code username} and {@code password} with HTTP Basic. Everything else is refused.
 *
 * @param allowedAddresses addresses or CIDR ranges allowed without credentials; by default the
 *     loopback addresses only (a scraper on the same host or in the same pod)
 * @param username the Basic user name a scraper presents
 * @param password the Basic password (set it from a secret, {@code PARLEY_ACTUATOR_SCRAPE_PASSWORD});
 *     empty: credentials are not accepted at all
 */
@ConfigurationProperties("parley.actuator.scrape")
public record ScrapeProperties(List<String> allowedAddresses, String username, String password) {

    public ScrapeProperties {
        allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    boolean acceptsCredentials() {
        return !username.isBlank() && !password.isBlank();
    }
}
