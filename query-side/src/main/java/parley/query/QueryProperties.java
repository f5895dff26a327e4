package parley.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param readDatasource where reads go: the primary today, a replica later
 * @param jwkSetUri the identity service's public keys (used when running without the command side)
 * @param issuer expected {@code iss} of access tokens
 * @param audience expected {@code aud} of access tokens
 */
@ConfigurationProperties("parley.query")
public record QueryProperties(ReadDatasource readDatasource, String jwkSetUri, String issuer, String audience) {

    public record ReadDatasource(String url, String username, String password, int maximumPoolSize) {
    }
}
