package parley.client.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.client.http.JsonHttp;

/**
 * The device sets this device trusts, per user, persisted beside its key file as
 * {@code <userId>.<deviceId>.pins}, owner-only like the keys (a local attacker who could edit it could add a
 * device to trust). Format: {@code {"format":1,"users":{"<userId>":[{"deviceId","agreementKey","signingKey"}]}}}.
 */
public final class DevicePins {

    private static final int FORMAT = 1;

    private final Path directory;
    private final String fileName;
    private final Map<String, List<PublishedDevice>> byUser = new LinkedHashMap<>();

    private DevicePins(Path directory, String fileName) {
        this.directory = directory;
        this.fileName = fileName;
    }

    /** The pins of one local device, read from its file if there is one. */
    public static DevicePins of(Path directory, String userId, String deviceId) {
        DevicePins pins = new DevicePins(directory, LocalKeyStore.checkedStem(userId, deviceId) + ".pins");
        pins.read();
        return pins;
    }

    public synchronized Optional<List<PublishedDevice>> get(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    public synchronized void put(String userId, List<PublishedDevice> devices) {
        byUser.put(userId, List.copyOf(devices));
        write();
    }

    Path file() {
        return directory.resolve(fileName);
    }

    private void read() {
        Path file = file();
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode json = JsonHttp.JSON.readTree(Files.readString(file));
            if (json.path("format").asInt() != FORMAT) {
                throw new IllegalStateException(file + " has an unknown format " + json.path("format"));
            }
            json.path("users").fields().forEachRemaining(user -> {
                List<PublishedDevice> devices = new ArrayList<>();
                user.getValue().forEach(device -> devices.add(PublishedDevice.fromJson(user.getKey(), device)));
                byUser.put(user.getKey(), List.copyOf(devices));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write() {
        Map<String, Object> users = new LinkedHashMap<>();
        byUser.forEach((userId, devices) -> users.put(userId, devices.stream()
                .map(device -> Map.of("deviceId", device.deviceId(), "agreementKey", device.agreementKey(),
                        "signingKey", device.signingKey()))
                .toList()));
        try {
            OwnerOnlyFiles.write(directory, fileName, JsonHttp.write(Map.of("format", FORMAT, "users", users)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }
}
