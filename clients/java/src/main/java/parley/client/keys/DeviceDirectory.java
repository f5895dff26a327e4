package parley.client.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import parley.client.auth.AuthorizedApi;
import parley.client.http.ApiException;

/**
 * The key directory as this client knows it: each user's current devices, read once from
 * {@code GET /api/users/{id}/devices} and kept until a {@code DeviceListChanged} event (or the server's
 * {@code STALE_DEVICES} answer) says otherwise.
 */
public final class DeviceDirectory {

    private static final int NEW_DEVICE_READS = 4;
    private static final Duration NEW_DEVICE_PAUSE = Duration.ofMillis(100);

    private final AuthorizedApi api;
    private final Map<String, List<PublishedDevice>> byUser = new ConcurrentHashMap<>();

    public DeviceDirectory(AuthorizedApi api) {
        this.api = api;
    }

    public List<PublishedDevice> devicesOf(String userId) {
        return byUser.computeIfAbsent(userId, this::fetch);
    }

    /**
     * The signing key of one device. An unknown one is read again a few times over about a second: the
     * server accepts a message only from a current device, but the directory is read from the query
     * side, fed asynchronously, so a brand-new device (or user) can reach a reader before it is listed.
     */
    public Optional<PublishedDevice> device(String userId, String deviceId) {
        Optional<PublishedDevice> known = find(listedDevices(userId), deviceId);
        for (int read = 1; known.isEmpty() && read <= NEW_DEVICE_READS; read++) {
            pause(NEW_DEVICE_PAUSE.multipliedBy(read));
            invalidate(userId);
            known = find(listedDevices(userId), deviceId);
        }
        return known;
    }

    /** A user the query side does not list yet has no devices yet (not cached, so the next read asks again). */
    private List<PublishedDevice> listedDevices(String userId) {
        try {
            return devicesOf(userId);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void invalidate(String userId) {
        byUser.remove(userId);
    }

    /** Takes the server's word for these users' device lists (a user missing from {@code devices} has none). */
    public void learn(Collection<String> userIds, List<PublishedDevice> devices) {
        for (String userId : userIds) {
            byUser.put(userId, devices.stream().filter(device -> device.userId().equals(userId)).toList());
        }
    }

    private List<PublishedDevice> fetch(String userId) {
        JsonNode answer = api.get("/api/users/" + userId + "/devices");
        List<PublishedDevice> devices = new ArrayList<>();
        StreamSupport.stream(answer.get("devices").spliterator(), false)
                .forEach(entry -> devices.add(PublishedDevice.fromJson(userId, entry)));
        return List.copyOf(devices);
    }

    private static Optional<PublishedDevice> find(List<PublishedDevice> devices, String deviceId) {
        return devices.stream().filter(device -> device.deviceId().equals(deviceId)).findFirst();
    }
}
