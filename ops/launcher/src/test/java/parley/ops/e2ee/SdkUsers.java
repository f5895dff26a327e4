package parley.ops.e2ee;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import parley.client.ParleyClient;
import parley.client.cli.ParleyCli;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;
import parley.client.session.Backoff;
import parley.ops.Waits;

/**
 * The SDK users of one test against a running platform: names made unique per test ({@code alice-<run>}), one
 * key directory for all their devices, and every client closed at the end.
 */
final class SdkUsers implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    /** Reconnects quickly, so a test of a lost connection does not wait for the SDK's default backoff. */
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), 0.5);

    private final String baseUrl;
    private final Path keys;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<SdkDevice> devices = new ArrayList<>();

    SdkUsers(String baseUrl, Path keys) {
        this.baseUrl = baseUrl;
        this.keys = keys;
    }

    /** The read side is fed asynchronously: a user or chat it has not projected yet answers 404 for a moment. */
    static ConditionFactory waiting() {
        return await().atMost(Waits.ASYNC).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(ApiException.class);
    }

    /** The key directory is read from the event stream: wait until it lists what was just registered. */
    static void awaitDevices(SdkDevice viewer, String userId, int count) {
        waiting().until(() -> viewer.client().api().get("/api/users/" + userId + "/devices").get("devices").size() == count);
    }

    String run() {
        return run;
    }

    String username(String name) {
        return name + "-" + run;
    }

    String register(String name) {
        return ParleyClient.builder(baseUrl).register(username(name), PASSWORD, name);
    }

    SdkDevice connect(String name, String deviceId) {
        return connect(name, deviceId, QUICK);
    }

    SdkDevice connect(String name, String deviceId, Backoff backoff) {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        ParleyClient client = ParleyClient.builder(baseUrl).keyDirectory(keys).deviceId(deviceId).backoff(backoff)
                .listener(events::add).connect(username(name), PASSWORD);
        SdkDevice device = new SdkDevice(client, events);
        devices.add(device);
        return device;
    }

    /** The CLI on the same platform and key directory, with {@code typed} as its standard input. */
    int cli(ByteArrayOutputStream output, ByteArrayOutputStream errors, String typed, String... args) {
        List<String> arguments = new ArrayList<>(List.of("--url", baseUrl, "--keys", keys.toString()));
        arguments.addAll(List.of(args));
        return ParleyCli.run(arguments, new BufferedReader(new StringReader(typed)),
                new PrintStream(output, true, StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8),
                () -> PASSWORD);
    }

    @Override
    public void close() {
        devices.forEach(device -> device.client().close());
    }
}
