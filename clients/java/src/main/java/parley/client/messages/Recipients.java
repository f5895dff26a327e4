package parley.client.messages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import parley.client.chats.GroupMembers;
import parley.client.crypto.LocalDevice;
import parley.client.keys.PublishedDevice;
import parley.client.keys.TrustedDevices;

/**
 * The reader devices of a chat, as the server requires them: every current device of every member, the
 * sender's own other devices included, the sending device excluded; current as this client trusts them
 * ({@link TrustedDevices}).
 */
public final class Recipients {

    private final LocalDevice me;
    private final TrustedDevices directory;
    private final GroupMembers groups;

    public Recipients(LocalDevice me, TrustedDevices directory, GroupMembers groups) {
        this.me = me;
        this.directory = directory;
        this.groups = groups;
    }

    Set<String> privateMembers(String peerId) {
        return Set.of(me.userId(), peerId);
    }

    Set<String> groupMembers(String groupId) {
        Set<String> members = new HashSet<>(groups.of(groupId));
        members.add(me.userId());
        return members;
    }

    List<PublishedDevice> readers(Collection<String> members) {
        List<PublishedDevice> readers = new ArrayList<>();
        for (String member : members) {
            directory.devicesOf(member).stream().filter(device -> !isMe(device)).forEach(readers::add);
        }
        return readers;
    }

    /**
     * The server's reader list of a {@code STALE_DEVICES} answer, if this client trusts every device in it with
     * these keys; a pinned device the server leaves out is simply not a recipient.
     *
     * @throws parley.client.keys.UntrustedDevicesException if it names a device never announced to this client
     */
    List<PublishedDevice> checked(List<PublishedDevice> serverList) {
        return directory.checkServerList(serverList);
    }

    private boolean isMe(PublishedDevice device) {
        return device.userId().equals(me.userId()) && device.deviceId().equals(me.deviceId());
    }
}
