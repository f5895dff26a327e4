package parley.client.messages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import parley.client.chats.GroupMembers;
import parley.client.crypto.LocalDevice;
import parley.client.keys.DeviceDirectory;
import parley.client.keys.PublishedDevice;

/**
 * The reader devices of a chat, as the server requires them: every current device of every member, the
 * sender's own other devices included, the sending device excluded.
 */
public final class Recipients {

    private final LocalDevice me;
    private final DeviceDirectory directory;
    private final GroupMembers groups;

    public Recipients(LocalDevice me, DeviceDirectory directory, GroupMembers groups) {
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
     * The server's complete reader list replaces what the cache knew about {@code members} and the users in it;
     * this device is added back to its own user's list, since the server leaves the sending device out.
     */
    void learn(Collection<String> members, List<PublishedDevice> readers, PublishedDevice self) {
        Set<String> users = new HashSet<>(members);
        readers.forEach(device -> users.add(device.userId()));
        List<PublishedDevice> known = new ArrayList<>(readers);
        known.add(self);
        directory.learn(users, known);
    }

    private boolean isMe(PublishedDevice device) {
        return device.userId().equals(me.userId()) && device.deviceId().equals(me.deviceId());
    }
}
