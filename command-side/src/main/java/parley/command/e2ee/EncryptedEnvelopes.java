package parley.command.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import parley.command.device.DeviceDirectory;
import parley.command.device.DeviceDirectory.UserDevice;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/**
 * Checks a message envelope before it is stored: a well-formed envelope v1, sealed by one of the
 * sender's current devices, for exactly the chat's current reader devices (every device of every
 * member, the sender's other devices included). A mismatch is refused with {@code STALE_DEVICES} and
 * the current list, so no message is stored that some member's device cannot read, and none is
 * sealed for a revoked device or a removed member.
 */
@Component
public class EncryptedEnvelopes {

    private static final Logger log = LoggerFactory.getLogger(EncryptedEnvelopes.class);

    private final DeviceDirectory devices;
    private final E2eeProperties properties;

    EncryptedEnvelopes(DeviceDirectory devices, E2eeProperties properties) {
        this.devices = devices;
        this.properties = properties;
        if (properties.allowUnencrypted()) {
            // Loud on purpose: in production this switch would let clients store readable messages.
            log.warn("parley.e2ee.allow-unencrypted is on: envelopes that are not end-to-end encrypted are accepted");
        }
    }

    /**
     * {@code node} is the envelope as the command body carried it (a JSON object); {@code members} are the chat's current members. A sender who is not one is left to the
     * aggregate, which refuses them: answering STALE_DEVICES would list the chat's devices to a stranger.
     */
    public void check(JsonNode node, UUID sender, Collection<UUID> members) {
        if (!members.contains(sender)) {
            return;
        }
        if (!node.has("v") && properties.allowUnencrypted()) {
            return;
        }
        if (!node.has("v")) {
            throw new CommandRejectedException(RejectionCode.INVALID_ENVELOPE,
                    "messages must be end-to-end encrypted as envelope v1 (docs/e2ee.md)");
        }
        EnvelopeHeader header = EnvelopeV1Shape.parse(node);
        List<UserDevice> memberDevices = devices.currentDevicesOf(members);
        requireSendingDevice(memberDevices, sender, header.senderDeviceId());
        List<UserDevice> readers = memberDevices.stream()
                .filter(device -> !isSendingDevice(device, sender, header.senderDeviceId()))
                .toList();
        Set<ReaderDevice> expected = readers.stream()
                .map(device -> new ReaderDevice(device.userId(), device.deviceId()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!expected.equals(header.recipients())) {
            throw new StaleDevicesException(describeMismatch(expected, header.recipients()), readers);
        }
    }

    private static void requireSendingDevice(List<UserDevice> memberDevices, UUID sender, String senderDeviceId) {
        if (memberDevices.stream().noneMatch(device -> isSendingDevice(device, sender, senderDeviceId))) {
            throw new CommandRejectedException(RejectionCode.UNKNOWN_DEVICE,
                    "'senderDeviceId' " + senderDeviceId + " is not one of your current devices; publish it first");
        }
    }

    private static boolean isSendingDevice(UserDevice device, UUID sender, String senderDeviceId) {
        return device.userId().equals(sender) && device.deviceId().equals(senderDeviceId);
    }

    private static String describeMismatch(Set<ReaderDevice> expected, Set<ReaderDevice> actual) {
        long missing = expected.stream().filter(device -> !actual.contains(device)).count();
        long extra = actual.stream().filter(device -> !expected.contains(device)).count();
        return "the recipients do not match the chat's current devices (" + missing + " missing, " + extra
                + " not current); seal the message again for the devices listed";
    }
}
