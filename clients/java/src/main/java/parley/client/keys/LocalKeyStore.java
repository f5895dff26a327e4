package parley.client.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import parley.client.crypto.Base64Url;
import parley.client.crypto.DeviceIdentity;
import parley.client.crypto.LocalDevice;
import parley.client.http.JsonHttp;

/**
 * This machine's device identities: one JSON file per user and device, {@code <userId>.<deviceId>.json}, holding
 * the raw X25519 and Ed25519 private keys as unpadded base64url. Files are created owner-only (0600, directory
 * 0700) on POSIX file systems and written atomically.
 *
 * <p><b>Not encrypted at rest.</b> The keys are as safe as the user's account on this machine: anyone who can read
 * the file can read this device's messages, exactly as with an SSH key without a passphrase. That is acceptable for
 * the SDK and CLI because a passphrase would have to be typed (or stored next to the file) on every start of an
 * unattended client, and the platform's threat model (docs/e2ee.md) is the server reading messages, not a local
 * attacker with the user's file permissions. Applications that need more should keep the keys in an OS key store.
 */
public final class LocalKeyStore {

    private static final int FORMAT = 1;
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern USER_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final Path directory;

    public LocalKeyStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Writes the device's identity, replacing an earlier one for the same user and device. */
    public void save(LocalDevice device) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("userId", device.userId());
        json.put("deviceId", device.deviceId());
        json.put("agreementPrivateKey", Base64Url.encode(device.identity().exportAgreementPrivateKey()));
        json.put("signingPrivateKey", Base64Url.encode(device.identity().exportSigningPrivateKey()));
        try {
            OwnerOnlyFiles.write(directory, fileName(device.userId(), device.deviceId()), JsonHttp.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file of device " + device.deviceId(), e);
        }
    }

    public Optional<LocalDevice> load(String userId, String deviceId) {
        Path file = file(userId, deviceId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JsonHttp.JSON.readTree(Files.readString(file));
            if (json.path("format").asInt() != FORMAT) {
                throw new IllegalStateException(file + " has an unknown format " + json.path("format"));
            }
            DeviceIdentity identity = DeviceIdentity.fromPrivateKeys(
                    Base64Url.decode(json.get("agreementPrivateKey").asText()),
                    Base64Url.decode(json.get("signingPrivateKey").asText()));
            return Optional.of(new LocalDevice(userId, deviceId, identity));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The ids of the devices stored for {@code userId}, in name order. */
    public List<String> deviceIds(String userId) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String prefix = userId + ".";
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".json"))
                    .map(name -> name.substring(prefix.length(), name.length() - ".json".length()))
                    .filter(id -> DEVICE_ID.matcher(id).matches()) // not another file of this user's (e.g. pins)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The stored identity of this device, or a new one (generated and saved) on first use. */
    public LocalDevice loadOrCreate(String userId, String deviceId) {
        return load(userId, deviceId).orElseGet(() -> {
            LocalDevice created = new LocalDevice(userId, deviceId, DeviceIdentity.generate());
            save(created);
            return created;
        });
    }

    private Path file(String userId, String deviceId) {
        return directory.resolve(fileName(userId, deviceId));
    }

    private static String fileName(String userId, String deviceId) {
        return checkedStem(userId, deviceId) + ".json";
    }

    /** {@code <userId>.<deviceId>}, both checked so that neither can name a path outside the directory. */
    static String checkedStem(String userId, String deviceId) {
        if (!USER_ID.matcher(userId).matches() || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("not a user id and device id: " + userId + ", " + deviceId);
        }
        return userId + "." + deviceId;
    }
}
