package parley.client.keys;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The server asked this client to encrypt to devices it has not seen announced (docs/e2ee.md, "Device pinning"):
 * nothing was sent. Either a contact enrolled a device while this client was offline, or the server is trying to
 * read the message. Show the changed safety number; once the user has compared it out of band,
 * {@code ParleyClient.trustCurrentDevices(userId)} accepts the user's current devices and the send can be retried.
 */
public final class UntrustedDevicesException extends RuntimeException {

    private final transient List<PublishedDevice> devices;

    public UntrustedDevicesException(List<PublishedDevice> devices) {
        super("not sent: the server named devices that were never announced to this client: "
                + devices.stream().map(device -> device.deviceId() + " of " + device.userId()).collect(Collectors.joining(", "))
                + " (compare safety numbers, then trust the user's current devices explicitly)");
        this.devices = List.copyOf(devices);
    }

    /** The devices refused, as the server described them. */
    public List<PublishedDevice> devices() {
        return devices;
    }
}
