package parley.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param readDatasource where reads go: the primary today, a replica later
 * @param jwkSetUri the identity service's public keys (used when running without the command side)
 * @param issuer expected {@code iss} of access tokens
 * @param audience expected {@code aud} of access tokens
 * @param clockSkew how far past {@code exp} a token is still accepted
 * @param revocationCacheTtl how long a user's session cutoff (revocation) is cached; a revocation
 *     reaches a standalone query side within this time
 */
@ConfigurationProperties("parley.query")
public record QueryProperties(ReadDatasource readDatasource, String jwkSetUri, String issuer, String audience,
        java.time.Duration clockSkew, java.time.Duration revocationCacheTtl) {

    public record ReadDatasource(String url, String username, String password, int maximumPoolSize) {
    }
}
