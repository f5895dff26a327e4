package parley.bench.load;

import parley.bench.BenchAccounts;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import parley.client.auth.AccessTokens;
import parley.client.auth.AuthApi;
import parley.client.auth.AuthorizedApi;
import parley.client.auth.TokenGrant;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.LocalDevice;
import parley.client.http.JsonHttp;
import parley.client.keys.DeviceRegistration;

/**
 * Registers and logs in a run's users over REST with the SDK, and publishes one device each when payloads are
 * sealed. The keys stay in memory (no LocalKeyStore files): nobody opens these messages after the run.
 */
final class UserSetup {

    static final String DEVICE_ID = "bench";

    private final JsonHttp http;
    private final Clock clock = Clock.systemUTC();

    UserSetup(HttpClient client, URI baseUrl) {
        this.http = new JsonHttp(client, baseUrl);
    }

    /** Users named {@code b<runId>-<index>}: the run id makes reruns against the same database work. */
    List<BenchUser> create(int count, String runId, boolean withDevices, ExecutorService pool) {
        List<CompletableFuture<BenchUser>> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            users.add(CompletableFuture.supplyAsync(() -> create(index, "b" + runId + "-" + index, withDevices), pool));
        }
        return users.stream().map(CompletableFuture::join).toList();
    }

    private BenchUser create(int index, String username, boolean withDevice) {
        // each user has its own cookie jar: refresh cookies must not mix (the bench never refreshes within 15 min)
        AuthApi auth = new AuthApi(http, new CookieManager(), clock);
        TokenGrant grant = BenchAccounts.registerAndLogin(auth, username, "Bench " + index);
        LocalDevice device = null;
        if (withDevice) {
            device = new LocalDevice(grant.userId(), DEVICE_ID, DeviceIdentity.generate());
            DeviceRegistration.publish(new AuthorizedApi(http, new AccessTokens(auth, clock, grant)), device);
        }
        return new BenchUser(index, username, grant.userId(), grant.accessToken(), device);
    }
}
