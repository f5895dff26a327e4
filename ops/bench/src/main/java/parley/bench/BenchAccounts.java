package parley.bench;

import parley.client.auth.AuthApi;
import parley.client.auth.TokenGrant;

/** The bench's users: one password for all, registered and logged in through the SDK. */
public final class BenchAccounts {

    private static final String PASSWORD = "bench-password-1";

    private BenchAccounts() {
    }

    public static TokenGrant registerAndLogin(AuthApi auth, String username, String displayName) {
        auth.register(username, PASSWORD, displayName);
        return auth.login(username, PASSWORD);
    }
}
