package parley.client.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current access token, in memory only, refreshed when less than {@link #MARGIN} of its life is left
 * (or on demand after a 401). Refreshes are serialised: two concurrent refreshes with one refresh token would
 * count as token theft on the server and revoke every session.
 */
public final class AccessTokens {

    static final Duration MARGIN = Duration.ofSeconds(60);

    private final AuthApi auth;
    private final Clock clock;
    private final List<Consumer<TokenGrant>> onRefresh = new CopyOnWriteArrayList<>();
    private TokenGrant grant;

    public AccessTokens(AuthApi auth, Clock clock, TokenGrant grant) {
        this.auth = auth;
        this.clock = clock;
        this.grant = grant;
    }

    public synchronized String userId() {
        return grant.userId();
    }

    /** A token valid for at least {@link #MARGIN}, refreshing first if needed. */
    public synchronized String current() {
        if (clock.instant().plus(MARGIN).isAfter(grant.expiresAt())) {
            refreshNow();
        }
        return grant.accessToken();
    }

    /** Replaces the token now (e.g. the server said 401); listeners learn the new grant. */
    public synchronized TokenGrant refreshNow() {
        grant = auth.refresh(grant);
        onRefresh.forEach(listener -> listener.accept(grant));
        return grant;
    }

    public synchronized TokenGrant grant() {
        return grant;
    }

    /** Called (under this object's lock) after every refresh, e.g. to pass the token to an open STOMP session. */
    public void onRefresh(Consumer<TokenGrant> listener) {
        onRefresh.add(listener);
    }
}
