package parley.command.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param refreshTokenTtl lifetime of a refresh token; each refresh issues a new one with a fresh lifetime
 * @param cookies how the token cookies are set
 * @param refreshGracePeriod how long after a rotation the rotated token may be presented again and
 *     answer the same successor (a retry whose answer was lost); reuse after it revokes every session
 *     of the user. Zero switches the grace off.
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(Duration refreshTokenTtl, Cookies cookies, Duration refreshGracePeriod) {

    public AuthProperties {
        refreshGracePeriod = refreshGracePeriod == null ? Duration.ZERO : refreshGracePeriod;
    }

    /**
     * @param secure the {@code Secure} attribute: browsers then send the cookies over HTTPS only.
     *     Switch off only for plain-HTTP development ({@code ./parley up} on http://localhost).
     */
    public record Cookies(boolean secure) {
    }
}
