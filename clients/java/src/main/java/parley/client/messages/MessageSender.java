package parley.client.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import parley.client.chats.GroupMembers;
import parley.client.crypto.EnvelopeV1;
import parley.client.crypto.Envelopes;
import parley.client.crypto.LocalDevice;
import parley.client.crypto.MessageContext;
import parley.client.http.JsonHttp;
import parley.client.keys.PublishedDevice;
import parley.client.session.CommandRejectedException;
import parley.client.session.CommandTimeoutException;
import parley.client.session.LiveConnection;

/**
 * Seals a text for a chat's reader devices and sends it ({@code private.send} / {@code group.send}), waiting for
 * {@code MessageAccepted}. If the server answers {@code STALE_DEVICES} (this client's device lists were out of
 * date), the text is sealed again for exactly the server's reader list and sent once more under the same
 * clientMessageId, but only if this client trusts every device in that list (docs/e2ee.md, "Device pinning");
 * otherwise the send fails with {@link parley.client.keys.UntrustedDevicesException} and nothing more is sent; {@code RATE_LIMITED}
 * and {@code OVERLOADED} (nothing was stored either way) and {@code UNAVAILABLE} (the event store was unreachable; the
 * server answers a resend of a stored send as the first) are retried under the same clientMessageId after the
 * server's {@code retryAfterMs}, a bounded number of times together.
 */
public final class MessageSender {

    private static final System.Logger LOG = System.getLogger(MessageSender.class.getName());
    /** Retries after {@code RATE_LIMITED}, {@code OVERLOADED} or {@code UNAVAILABLE}, counted together. */
    private static final int MAX_RETRY_LATER_RETRIES = 5;
    private static final Set<String> RETRY_LATER = Set.of("RATE_LIMITED", "OVERLOADED", "UNAVAILABLE");

    private final LocalDevice me;
    private final Recipients recipients;
    private final GroupMembers groups;
    private final LiveConnection connection;
    private final SentTexts sent;
    private final Duration timeout;

    public MessageSender(LocalDevice me, Recipients recipients, GroupMembers groups, LiveConnection connection, SentTexts sent,
                  Duration timeout) {
        this.me = me;
        this.recipients = recipients;
        this.groups = groups;
        this.connection = connection;
        this.sent = sent;
        this.timeout = timeout;
    }

    public Sent sendPrivate(String peerId, String text) {
        String chatId = PrivateChatIds.of(me.userId(), peerId);
        return sent(deliver(new Target("/app/private.send", chatId, () -> recipients.privateMembers(peerId), false,
                (id, envelope) -> Map.of("peerId", peerId, "clientMessageId", id, "envelope", envelope)), text));
    }

    public Sent sendGroup(String groupId, String text) {
        return sent(deliver(new Target("/app/group.send", groupId, () -> recipients.groupMembers(groupId), true,
                (id, envelope) -> Map.of("groupId", groupId, "clientMessageId", id, "envelope", envelope)), text));
    }

    /** Replaces the text of this user's message {@code seq}; sealed with the context id {@code edit/<seq>} (docs/e2ee.md). */
    public void editPrivate(String peerId, long seq, String text) {
        String chatId = PrivateChatIds.of(me.userId(), peerId);
        edit(chatId, seq, text, () -> recipients.privateMembers(peerId), false);
    }

    public void editGroup(String groupId, long seq, String text) {
        edit(groupId, seq, text, () -> recipients.groupMembers(groupId), true);
    }

    /**
     * @param body the command body for a reply id and an envelope
     */
    private record Target(String destination, String chatId, Supplier<Set<String>> members, boolean group,
                          BiFunction<String, JsonNode, Map<String, Object>> body) {
    }

    private JsonNode deliver(Target target, String text) {
        String clientMessageId = UUID.randomUUID().toString();
        sent.remember(clientMessageId, text);
        return deliver(target, clientMessageId, clientMessageId, text);
    }

    private void edit(String chatId, long seq, String text, Supplier<Set<String>> members, boolean group) {
        sent.remember(SentTexts.editKey(chatId, seq), text);
        deliver(new Target("/app/chat.edit", chatId, members, group,
                (id, envelope) -> Map.of("chatId", chatId, "seq", seq, "envelope", envelope, "clientCommandId", id)),
                "edit-" + UUID.randomUUID(), SentTexts.editContextId(seq), text);
    }

    /**
     * @param replyId   the command's clientMessageId or clientCommandId, which the reply echoes
     * @param contextId the clientMessageId the envelope is bound to
     */
    private JsonNode deliver(Target target, String replyId, String contextId, String text) {
        Set<String> members = target.members().get();
        List<PublishedDevice> readers = recipients.readers(members);
        boolean resealed = false;
        int retriedLater = 0;
        while (true) {
            JsonNode envelope = seal(text, target.chatId(), contextId, readers);
            JsonNode reply = connection.request(target.destination(), target.body().apply(replyId, envelope), replyId, timeout);
            String type = reply.path("type").asText();
            if (type.equals("MessageAccepted") || type.equals("CommandAccepted")) {
                return reply;
            }
            String code = reply.path("code").asText();
            if (code.equals("STALE_DEVICES") && !resealed && reply.has("devices")) {
                readers = recipients.checked(readersFrom(reply.get("devices")));
                LOG.log(Level.INFO, "device lists were stale: sealing {0} again for {1} reader devices", replyId, readers.size());
                if (target.group()) {
                    groups.invalidate(target.chatId());
                }
                resealed = true;
            } else if (RETRY_LATER.contains(code) && retriedLater++ < MAX_RETRY_LATER_RETRIES) {
                pause(reply.path("retryAfterMs").asLong(1000));
            } else {
                throw new CommandRejectedException(reply);
            }
        }
    }

    private static Sent sent(JsonNode accepted) {
        return new Sent(accepted.get("chatId").asText(), accepted.get("seq").asLong(), accepted.path("messageId").asText(null),
                accepted.get("clientMessageId").asText());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(Math.max(100, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException("interrupted while waiting to retry", e);
        }
    }

    private JsonNode seal(String text, String chatId, String clientMessageId, List<PublishedDevice> readers) {
        if (readers.isEmpty()) {
            throw new IllegalStateException("no device can read this message: no other member has registered a device");
        }
        MessageContext context = new MessageContext(chatId, me.userId(), me.deviceId(), clientMessageId);
        EnvelopeV1 envelope = Envelopes.seal(text.getBytes(StandardCharsets.UTF_8), context, me.identity(),
                readers.stream().map(PublishedDevice::asRecipient).toList());
        try {
            return JsonHttp.JSON.readTree(envelope.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope is always JSON", e);
        }
    }

    private static List<PublishedDevice> readersFrom(JsonNode devices) {
        List<PublishedDevice> readers = new ArrayList<>();
        devices.forEach(device -> readers.add(PublishedDevice.fromJson(null, device)));
        return readers;
    }
}
