package parley.edge.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param address  the Redis shared by all nodes (rate limits, presence, ephemeral events), e.g. {@code redis://redis:6379},
 *                 or {@code rediss://} for TLS
 * @param username the ACL user, if the Redis has users ({@code PARLEY_REDIS_USERNAME}); blank for the default user
 * @param password the password ({@code PARLEY_REDIS_PASSWORD}, from a secret); blank when the Redis asks for none
 */
@ConfigurationProperties("parley.redis")
public record RedisConnectionProperties(String address, String username, String password) {

    boolean hasUsername() {
        return username != null && !username.isBlank();
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }

    /** Never the password: these properties are logged when binding fails and shown by diagnostics. */
    @Override
    public String toString() {
        return "RedisConnectionProperties[address=" + address + ", username=" + (hasUsername() ? username : "")
                + ", password=" + (hasPassword() ? "(set)" : "") + "]";
    }
}
