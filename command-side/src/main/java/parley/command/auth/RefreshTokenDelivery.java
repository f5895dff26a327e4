package parley.command.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether an answer's JSON body carries the refresh token. A browser keeps it in the HttpOnly cookie
 * only, so script injected into the page cannot read it; a client without a cookie jar (the Java
 * SDK, the CLI) holds it itself and asks for it:
 * <ul>
 * <li>a login asks with the header {@value #HEADER}{@code : body}. A script that can send that
 *     header with a login already knows the password, so it learns nothing it could not get anyway;</li>
 * <li>a refresh or logout answers it in the body exactly when it was presented in the body (the
 *     client already held its predecessor). A refresh by cookie never answers it in the body,
 *     whatever the request asks, so a script cannot turn the browser's cookie into a readable token.</li>
 * </ul>
 */
final class RefreshTokenDelivery {

    static final String HEADER = "X-Parley-Refresh-Token";
    static final String BODY = "body";

    private RefreshTokenDelivery() {
    }

    static boolean loginAsksForBody(HttpServletRequest request) {
        return BODY.equalsIgnoreCase(String.valueOf(request.getHeader(HEADER)).strip());
    }
}
