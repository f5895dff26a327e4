package parley.bench.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import parley.client.auth.AuthApi;
import parley.client.auth.TokenGrant;
import parley.client.http.JsonHttp;

/** By hand, to look into the server's heap: opens {@code args[1]} sessions of one new user and holds them {@code args[2]} seconds. */
public final class HoldSessions {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        HttpClient http = HttpClient.newHttpClient();
        AuthApi auth = new AuthApi(new JsonHttp(http, base), new CookieManager(), Clock.systemUTC());
        String name = "hold-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        auth.register(name, "bench-password-1", name);
        TokenGrant grant = auth.login(name, "bench-password-1");
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        IdleSession.Frames ignore = new IdleSession.Frames() {
            @Override
            public void received(IdleSession session, JsonNode body, long nanos) {
            }

            @Override
            public void closedUnexpectedly(IdleSession session, String reason) {
                System.out.println("closed: " + reason);
            }
        };
        int count = Integer.parseInt(args[1]);
        java.util.List<IdleSession> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(IdleSession.open(i, 0, grant.accessToken(), http, URI.create(args[0].replaceFirst("^http", "ws") + "/ws"),
                    scheduler, Duration.ofSeconds(30), ignore));
        }
        System.out.println("open: " + count);
        Thread.sleep(Long.parseLong(args[2]) * 1000);
        java.lang.ref.Reference.reachabilityFence(http);
        java.lang.ref.Reference.reachabilityFence(sessions);
        System.exit(0);
    }
}
