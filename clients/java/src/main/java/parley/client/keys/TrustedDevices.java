package parley.client.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import parley.client.auth.AuthorizedApi;
import parley.client.events.ChatEvent;
import parley.client.http.ApiException;

/**
 * The devices this client encrypts to and verifies with: pinned per user (trust on first use), changed only by an
 * announcement ({@code DeviceListChanged}) that a directory read confirms, or by the user's explicit
 * {@link #trustCurrent}. A device the server names anywhere else (a {@code STALE_DEVICES} answer, a directory read
 * without an announcement, the sender of a message) is not trusted. Rules and reasons: docs/e2ee.md, "Device
 * pinning".
 */
public final class TrustedDevices {

    /** How long an announcement lets directory reads change a pin (the read side can lag the push a moment). */
    static final Duration ANNOUNCEMENT_WINDOW = Duration.ofSeconds(30);
    /** How long a send waits for the announcement of a device the server names (it travels separately). */
    static final Duration ANNOUNCEMENT_WAIT = Duration.ofSeconds(3);
    /**
     * Pauses between directory reads while a wait lasts: soon at first (the read side usually lags a moment), then
     * sparser, so that one wait for a user the directory does not list yet costs a handful of reads against the
     * server's read limit, not a dozen.
     */
    private static final long[] RECHECK_MILLIS = {250, 500, 1000};

    private final DeviceLists directory;
    private final DevicePins pins;
    private final PublishedDevice self;
    private final Clock clock;
    private final Map<String, Instant> announced = new ConcurrentHashMap<>();
    private volatile Consumer<ChatEvent.ContactDevicesChanged> changes = change -> { };

    public TrustedDevices(DeviceLists directory, DevicePins pins, PublishedDevice self, Clock clock) {
        this.directory = directory;
        this.pins = pins;
        this.self = self;
        this.clock = clock;
    }

    /** The server's directory, {@code GET /api/users/{id}/devices}; a user it does not list (404) has none yet. */
    public static DeviceLists directoryOf(AuthorizedApi api) {
        return userId -> {
            try {
                List<PublishedDevice> devices = new ArrayList<>();
                api.get("/api/users/" + userId + "/devices").get("devices")
                        .forEach(entry -> devices.add(PublishedDevice.fromJson(userId, entry)));
                return Optional.of(List.copyOf(devices));
            } catch (ApiException e) {
                if (e.status() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }

    /** Told every change of a pin, on the thread that noticed it: hand off rather than block. */
    public void onChange(Consumer<ChatEvent.ContactDevicesChanged> listener) {
        this.changes = listener;
    }

    /** A {@code DeviceListChanged} push arrived for {@code userId}: the next reads may change that user's pin. */
    public void announced(String userId) {
        announced.put(userId, clock.instant());
    }

    public boolean isAnnounced(String userId) {
        Instant at = announced.get(userId);
        return at != null && !clock.instant().isAfter(at.plus(ANNOUNCEMENT_WINDOW));
    }

    /** The user's trusted devices (this device included for its own user); pins them on first sight. */
    public synchronized List<PublishedDevice> devicesOf(String userId) {
        verifyAnnouncement(userId);
        Optional<List<PublishedDevice>> pinned = pins.get(userId);
        if (pinned.isPresent()) {
            return withSelf(userId, pinned.get());
        }
        Optional<List<PublishedDevice>> listed = directory.current(userId);
        listed.ifPresent(devices -> pins.put(userId, devices));
        return withSelf(userId, listed.orElse(List.of()));
    }

    /**
     * If {@code userId} was announced, reads the directory and takes its answer as the new pin, telling the
     * listener what changed. An announcement whose read shows no change stays pending for its window.
     *
     * @return true if the pin changed
     */
    public synchronized boolean verifyAnnouncement(String userId) {
        if (!announced.containsKey(userId)) {
            return false;
        }
        Optional<List<PublishedDevice>> pinned = pins.get(userId);
        if (!isAnnounced(userId) || pinned.isEmpty()) {
            announced.remove(userId); // expired, or never seen: the first sight reads the directory anyway
            return false;
        }
        Optional<List<PublishedDevice>> listed = directory.current(userId);
        if (listed.isEmpty() || Set.copyOf(listed.get()).equals(Set.copyOf(pinned.get()))) {
            return false;
        }
        announced.remove(userId);
        repin(userId, pinned.get(), listed.get());
        return true;
    }

    /**
     * The user accepts {@code userId}'s devices as the directory lists them now (after comparing the safety
     * number out of band): the way out of an {@link UntrustedDevicesException}.
     */
    public synchronized List<PublishedDevice> trustCurrent(String userId) {
        List<PublishedDevice> listed = directory.current(userId).orElse(List.of());
        List<PublishedDevice> pinned = pins.get(userId).orElse(null);
        if (pinned == null) {
            pins.put(userId, listed);
        } else if (!Set.copyOf(listed).equals(Set.copyOf(pinned))) {
            repin(userId, pinned, listed);
        }
        announced.remove(userId);
        return withSelf(userId, listed);
    }

    /**
     * The trusted device to verify a message from: the pin, or one announced meanwhile (the announcement and the
     * message travel separately, so this waits briefly for it).
     */
    public Optional<PublishedDevice> device(String userId, String deviceId) {
        Instant deadline = clock.instant().plus(ANNOUNCEMENT_WAIT);
        for (int attempt = 0; ; attempt++) {
            Optional<PublishedDevice> found = find(devicesOf(userId), deviceId);
            if (found.isPresent() || !clock.instant().isBefore(deadline)) {
                return found;
            }
            pause(attempt);
        }
    }

    /**
     * Checks the reader list of a {@code STALE_DEVICES} answer: every device in it must be trusted with exactly
     * these keys (waiting briefly for announcements of the users it names).
     *
     * @return {@code serverList}, to seal for
     * @throws UntrustedDevicesException naming the devices that are not trusted; nothing must be sent then
     */
    public List<PublishedDevice> checkServerList(List<PublishedDevice> serverList) {
        Instant deadline = clock.instant().plus(ANNOUNCEMENT_WAIT);
        for (int attempt = 0; ; attempt++) {
            List<PublishedDevice> untrusted = serverList.stream().filter(device -> !trusted(device)).toList();
            if (untrusted.isEmpty()) {
                return serverList;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new UntrustedDevicesException(untrusted);
            }
            pause(attempt);
        }
    }

    /** The safety number of this user and {@code userId} over the devices both are trusted with. */
    public String safetyNumber(String userId) {
        if (userId.equals(self.userId())) {
            throw new IllegalArgumentException("a safety number is between two users");
        }
        return safetyNumber(devicesOf(self.userId()), userId, devicesOf(userId));
    }

    private boolean trusted(PublishedDevice device) {
        return devicesOf(device.userId()).contains(device);
    }

    private void repin(String userId, List<PublishedDevice> before, List<PublishedDevice> after) {
        String oldNumber = userId.equals(self.userId()) ? null : safetyNumber(devicesOf(self.userId()), userId, before);
        pins.put(userId, after);
        String newNumber = userId.equals(self.userId()) ? null : safetyNumber(devicesOf(self.userId()), userId, after);
        changes.accept(new ChatEvent.ContactDevicesChanged(userId, changed(before, after), changed(after, before),
                oldNumber, newNumber));
    }

    /** Ids of devices in {@code to} that {@code from} lacks or lists with other keys (a rotation is both). */
    private static List<String> changed(List<PublishedDevice> from, List<PublishedDevice> to) {
        Set<PublishedDevice> old = new HashSet<>(from);
        return to.stream().filter(device -> !old.contains(device)).map(PublishedDevice::deviceId).sorted().toList();
    }

    private String safetyNumber(List<PublishedDevice> mine, String userId, List<PublishedDevice> theirs) {
        return SafetyNumbers.of(new SafetyNumbers.Party(self.userId(), signingKeys(mine)),
                new SafetyNumbers.Party(userId, signingKeys(theirs)));
    }

    private static List<String> signingKeys(Collection<PublishedDevice> devices) {
        return devices.stream().map(PublishedDevice::signingKey).toList();
    }

    /** This device is always its own user's: the pin may predate it, or the read side may not list it yet. */
    private List<PublishedDevice> withSelf(String userId, List<PublishedDevice> devices) {
        if (!userId.equals(self.userId())) {
            return devices;
        }
        List<PublishedDevice> mine = new ArrayList<>(devices.stream()
                .filter(device -> !device.deviceId().equals(self.deviceId())).toList());
        mine.add(self);
        return List.copyOf(mine);
    }

    private static Optional<PublishedDevice> find(List<PublishedDevice> devices, String deviceId) {
        return devices.stream().filter(device -> device.deviceId().equals(deviceId)).findFirst();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(RECHECK_MILLIS[Math.min(attempt, RECHECK_MILLIS.length - 1)]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a device announcement", e);
        }
    }
}
