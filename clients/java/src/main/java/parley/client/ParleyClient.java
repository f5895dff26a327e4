package parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import parley.client.auth.AccessTokens;
import parley.client.auth.AuthorizedApi;
import parley.client.chats.ChatSummary;
import parley.client.chats.ChatsApi;
import parley.client.chats.GroupMembers;
import parley.client.chats.HistoryWindow;
import parley.client.crypto.LocalDevice;
import parley.client.events.ChatEvent;
import parley.client.events.ReceivedMessage;
import parley.client.keys.PublishedDevice;
import parley.client.keys.TrustedDevices;
import parley.client.keys.UntrustedDevicesException;
import parley.client.messages.Inbox;
import parley.client.messages.MessageOpener;
import parley.client.messages.MessageSender;
import parley.client.messages.Sent;
import parley.client.session.CommandRejectedException;
import parley.client.session.LiveConnection;

/**
 * The Parley SDK's entry point: one signed-in user on one device, with a live connection. Create it with
 * {@link #builder(String)}; {@link ParleyClientBuilder#connect} logs in, registers the device's keys and opens
 * STOMP. Messages are end-to-end encrypted (envelope v1, docs/e2ee.md) for every device of the chat's members;
 * everything received reaches the listener as a {@link ChatEvent}, in order, on one thread.
 *
 * <p>Methods that send block until the server answers (at most the configured timeout) and throw
 * {@link CommandRejectedException} with the protocol's code, {@link UntrustedDevicesException} when the server
 * asks to encrypt to a device never announced to this client, or
 * {@link parley.client.session.CommandTimeoutException}. Do not call them from a thread you cannot block.
 */
public final class ParleyClient implements AutoCloseable {

    private final LocalDevice device;
    private final ParleyClientBuilder settings;
    private final AccessTokens tokens;
    private final AuthorizedApi api;
    private final ChatsApi chats;
    private final GroupMembers groups;
    private final TrustedDevices directory;
    private final MessageOpener opener;
    private final MessageSender sender;
    private final LiveConnection connection;
    private final Inbox inbox;
    private final ScheduledExecutorService scheduler;

    ParleyClient(Parts parts) {
        this.device = parts.device();
        this.settings = parts.settings();
        this.tokens = parts.tokens();
        this.api = parts.api();
        this.chats = parts.chats();
        this.groups = parts.groups();
        this.directory = parts.directory();
        this.opener = parts.opener();
        this.sender = parts.sender();
        this.connection = parts.connection();
        this.inbox = parts.inbox();
        this.scheduler = parts.scheduler();
    }

    /** What the builder wires together. */
    record Parts(LocalDevice device, ParleyClientBuilder settings, AccessTokens tokens, AuthorizedApi api, ChatsApi chats,
                 GroupMembers groups, TrustedDevices directory, MessageOpener opener, MessageSender sender,
                 LiveConnection connection, Inbox inbox, ScheduledExecutorService scheduler) {
    }

    /** @param baseUrl e.g. {@code http://localhost:8080} (REST and {@code /ws} are both served from it) */
    public static ParleyClientBuilder builder(String baseUrl) {
        return new ParleyClientBuilder(baseUrl);
    }

    public String userId() {
        return device.userId();
    }

    public String deviceId() {
        return device.deviceId();
    }

    /** Seals {@code text} for the peer's devices and this user's other devices, and sends it. */
    public Sent sendPrivate(String peerId, String text) {
        return sender.sendPrivate(peerId, text);
    }

    public Sent sendGroup(String groupId, String text) {
        return sender.sendGroup(groupId, text);
    }

    /** Replaces the text of this user's message {@code seq} in the private chat with {@code peerId}. */
    public void editPrivate(String peerId, long seq, String text) {
        sender.editPrivate(peerId, seq, text);
    }

    public void editGroup(String groupId, long seq, String text) {
        sender.editGroup(groupId, seq, text);
    }

    /** @return the new group's id; this user is its owner */
    public String createGroup(String name, List<String> memberIds) {
        String groupId = command("/app/group.create", Map.of("name", name, "memberIds", memberIds)).get("groupId").asText();
        List<String> members = new ArrayList<>(memberIds);
        members.add(userId());
        groups.created(groupId, members);
        return groupId;
    }

    public void addMember(String groupId, String userId) {
        command("/app/group.addMember", Map.of("groupId", groupId, "userId", userId));
        groups.added(groupId, userId);
    }

    public void removeMember(String groupId, String userId) {
        command("/app/group.removeMember", Map.of("groupId", groupId, "userId", userId));
        groups.removed(groupId, userId, userId());
    }

    /** Moves this user's read watermark (implies delivered). */
    public void markRead(String chatId, long upToSeq) {
        command("/app/chat.read", Map.of("chatId", chatId, "upToSeq", upToSeq));
    }

    /** A page of history, each message opened as live ones are. */
    public List<ChatEvent> history(String chatId, HistoryWindow window) {
        return rawHistory(chatId, window).stream().map(opener::open).toList();
    }

    /** A page of history as the server stores it, unopened. */
    public List<ReceivedMessage> rawHistory(String chatId, HistoryWindow window) {
        return chats.messages(chatId, window);
    }

    /** Verifies and decrypts one message for this device; never throws for a bad message. */
    public ChatEvent open(ReceivedMessage message) {
        return opener.open(message);
    }

    public List<ChatSummary> chats() {
        return chats.chats();
    }

    /**
     * The devices of a user this client encrypts to and verifies with: pinned on first sight, changed only by an
     * announcement the directory confirms (then a {@link ChatEvent.ContactDevicesChanged}) or by
     * {@link #trustCurrentDevices}. See docs/e2ee.md, "Device pinning".
     */
    public List<PublishedDevice> devicesOf(String userId) {
        return directory.devicesOf(userId);
    }

    /**
     * The safety number of this user and {@code userId} (docs/protocol.md), computed from the devices this client
     * trusts for both: compare it out of band; it changes when either adds, rotates or revokes a device.
     */
    public String safetyNumber(String userId) {
        return directory.safetyNumber(userId);
    }

    /** The safety number with every other member of a group, by member id in id order. */
    public Map<String, String> safetyNumbers(String groupId) {
        Map<String, String> numbers = new LinkedHashMap<>();
        groups.of(groupId).stream().filter(member -> !member.equals(userId())).sorted()
                .forEach(member -> numbers.put(member, directory.safetyNumber(member)));
        return numbers;
    }

    /**
     * Trusts {@code userId}'s devices as the server lists them now: only after the user compared the new safety
     * number out of band. The way on after an {@link UntrustedDevicesException} (e.g. a contact enrolled a device
     * while this client was offline, so its announcement never reached it).
     */
    public List<PublishedDevice> trustCurrentDevices(String userId) {
        return directory.trustCurrent(userId);
    }

    /**
     * Rotates the tokens now (normally automatic a minute before the access token expires) and extends the live
     * session with the new access token.
     */
    public void refreshAccessToken() {
        tokens.refreshNow();
    }

    /** Drops the live connection as a network failure would; the client reconnects and catches up by itself. */
    public void simulateConnectionLoss() {
        connection.abort();
    }

    @Override
    public void close() {
        connection.close();
        inbox.close();
        scheduler.shutdownNow();
    }

    private JsonNode command(String destination, Map<String, Object> body) {
        String id = "cmd-" + UUID.randomUUID();
        Map<String, Object> withId = new HashMap<>(body);
        withId.put("clientCommandId", id);
        JsonNode reply = connection.request(destination, withId, id, settings.timeout());
        if ("CommandRejected".equals(reply.path("type").asText())) {
            throw new CommandRejectedException(reply);
        }
        return reply;
    }

    /** Kept for callers that want the raw REST client (e.g. receipts or safety numbers not wrapped here). */
    public AuthorizedApi api() {
        return api;
    }
}
