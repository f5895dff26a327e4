package parley.query.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.util.WebUtils;
import parley.edge.token.AccessTokenCookie;

/**
 * The access token from the {@code Authorization} header, or, for reads only, from the HttpOnly
 * cookie login sets for browsers. Only safe methods take the cookie: a cookie-authenticated write
 * would need CSRF protection, and the read API has no writes to protect.
 */
final class AccessTokenResolver implements BearerTokenResolver {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String fromHeader = header.resolve(request);
        if (fromHeader != null || !SAFE_METHODS.contains(request.getMethod())) {
            return fromHeader;
        }
        Cookie cookie = WebUtils.getCookie(request, AccessTokenCookie.NAME);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
