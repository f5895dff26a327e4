package parley.command.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param refreshTokenTtl lifetime of a refresh token; each refresh issues a new one with a fresh lifetime
 * @param cookies how the token cookies are set
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(Duration refreshTokenTtl, Cookies cookies) {

    /**
     * @param secure the {@code Secure} attribute: browsers then send the cookies over HTTPS only.
     *     Switch off only for plain-HTTP development ({@code ./parley up} on http://localhost).
     */
    public record Cookies(boolean secure) {
    }
}
