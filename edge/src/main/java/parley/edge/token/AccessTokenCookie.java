package parley.edge.token;

/** The cookie that carries the access token in a browser: set by login on the command side, read by both sides. */
public final class AccessTokenCookie {

    public static final String NAME = "parley_access";

    private AccessTokenCookie() {
    }
}
