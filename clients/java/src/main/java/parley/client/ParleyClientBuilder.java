package parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import parley.client.auth.AccessTokens;
import parley.client.auth.AuthApi;
import parley.client.auth.AuthorizedApi;
import parley.client.chats.ChatHead;
import parley.client.chats.ChatHeads;
import parley.client.chats.ChatsApi;
import parley.client.chats.GroupMembers;
import parley.client.crypto.LocalDevice;
import parley.client.events.ChatEvent;
import parley.client.http.BaseUrls;
import parley.client.http.JsonHttp;
import parley.client.keys.DevicePins;
import parley.client.keys.DeviceRegistration;
import parley.client.keys.LocalKeyStore;
import parley.client.keys.PublishedDevice;
import parley.client.keys.TrustedDevices;
import parley.client.messages.Inbox;
import parley.client.messages.MessageOpener;
import parley.client.messages.MessageSender;
import parley.client.messages.Recipients;
import parley.client.messages.SentTexts;
import parley.client.session.Backoff;
import parley.client.session.LiveConnection;

/** Settings of a {@link ParleyClient}, then {@link #connect}. Only the base URL is required. */
public final class ParleyClientBuilder {

    private BaseUrls baseUrls;
    private Path keyDirectory = Path.of(System.getProperty("user.home"), ".parley", "keys");
    private String deviceId;
    private Consumer<ChatEvent> listener = event -> { };
    private Backoff backoff = Backoff.DEFAULT;
    private Duration timeout = Duration.ofSeconds(15);
    private Clock clock = Clock.systemUTC();

    ParleyClientBuilder(String baseUrl) {
        this.baseUrls = BaseUrls.of(List.of(baseUrl));
    }

    /**
     * Several base URLs of one platform (nodes without a shared load balancer), replacing the one given to
     * {@link ParleyClient#builder}: the client starts with the first and moves to the next, round-robin, when its
     * node shuts down ({@code Reconnect}, close code 1012) or a reconnect attempt fails. They must share a host
     * name, or the refresh-token cookie will not travel to the next one.
     */
    public ParleyClientBuilder baseUrls(List<String> baseUrls) {
        this.baseUrls = BaseUrls.of(baseUrls);
        return this;
    }

    /**
     * Where device identities are kept (default {@code ~/.parley/keys}), and beside them the device sets this
     * device trusts ({@link DevicePins}); see {@link LocalKeyStore}.
     */
    public ParleyClientBuilder keyDirectory(Path directory) {
        this.keyDirectory = directory;
        return this;
    }

    /** This device's id (1–64 of {@code A-Z a-z 0-9 _ -}); default: the first stored for the user, else a new one. */
    public ParleyClientBuilder deviceId(String deviceId) {
        this.deviceId = deviceId;
        return this;
    }

    /** Receives every {@link ChatEvent}, in order, on the client's inbox thread. */
    public ParleyClientBuilder listener(Consumer<ChatEvent> listener) {
        this.listener = listener;
        return this;
    }

    public ParleyClientBuilder backoff(Backoff backoff) {
        this.backoff = backoff;
        return this;
    }

    /** How long a command waits for its reply (default 15 s). */
    public ParleyClientBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code POST /api/auth/register}; returns the new user's id. */
    public String register(String username, String password, String displayName) {
        return auth(http(new CookieManager())).register(username, password, displayName);
    }

    /** Logs in, makes sure this device's keys are published, opens the live connection. */
    public ParleyClient connect(String username, String password) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        JsonHttp http = http(cookies);
        AuthApi auth = auth(http, cookies);
        AccessTokens tokens = new AccessTokens(auth, clock, auth.login(username, password));
        AuthorizedApi api = new AuthorizedApi(http, tokens);
        LocalDevice device = localDevice(tokens.userId());
        DeviceRegistration.publish(api, device);
        return assemble(http, tokens, api, device);
    }

    private ParleyClient assemble(JsonHttp http, AccessTokens tokens, AuthorizedApi api, LocalDevice device) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread daemon = new Thread(runnable, "parley-client");
            daemon.setDaemon(true);
            return daemon;
        });
        ChatsApi chats = new ChatsApi(api);
        GroupMembers groups = new GroupMembers(chats::groupMembers);
        TrustedDevices directory = new TrustedDevices(TrustedDevices.directoryOf(api),
                DevicePins.of(keyDirectory, device.userId(), device.deviceId()), self(device), clock);
        SentTexts sent = new SentTexts();
        MessageOpener opener = new MessageOpener(device, directory, sent);
        LiveConnection[] connection = new LiveConnection[1];
        ChatHeads heads = () -> {
            String id = "heads-" + UUID.randomUUID();
            return ChatHead.fromReply(connection[0].request("/app/session.heads", Map.of("clientCommandId", id), id, timeout));
        };
        Inbox inbox = new Inbox(device.userId(), opener, chats, heads, directory, groups, listener,
                (chatId, seq) -> connection[0].fireAndForget("/app/chat.delivered", Map.of("chatId", chatId, "upToSeq", seq)));
        connection[0] = new LiveConnection(http, tokens, backoff, scheduler, new LiveConnection.Handler() {
            @Override
            public void event(JsonNode event) {
                if ("DeviceListChanged".equals(event.path("type").asText()) && event.hasNonNull("userId")) {
                    // at once, not in the inbox's turn: a send or an opening may be waiting for this announcement
                    directory.announced(event.get("userId").asText());
                }
                inbox.live(event);
            }

            @Override
            public void connected(boolean reconnected) {
                inbox.connected(reconnected);
            }

            @Override
            public void disconnected(String reason, boolean retrying) {
                inbox.disconnected(reason, retrying);
            }
        });
        MessageSender sender = new MessageSender(device, new Recipients(device, directory, groups), groups, connection[0], sent, timeout);
        ParleyClient client = new ParleyClient(new ParleyClient.Parts(device, this, tokens, api, chats, groups, directory,
                opener, sender, connection[0], inbox, scheduler));
        try {
            connection[0].open();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static PublishedDevice self(LocalDevice device) {
        return new PublishedDevice(device.userId(), device.deviceId(), device.identity().agreementPublicKeyBase64Url(),
                device.identity().signingPublicKeyBase64Url());
    }

    private LocalDevice localDevice(String userId) {
        LocalKeyStore store = new LocalKeyStore(keyDirectory);
        if (deviceId != null) {
            return store.loadOrCreate(userId, deviceId);
        }
        List<String> stored = store.deviceIds(userId);
        String id = stored.isEmpty() ? "java-" + UUID.randomUUID().toString().substring(0, 8) : stored.get(0);
        return store.loadOrCreate(userId, id);
    }

    private JsonHttp http(CookieManager cookies) {
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        return new JsonHttp(client, baseUrls);
    }

    private AuthApi auth(JsonHttp http, CookieManager cookies) {
        return new AuthApi(http, cookies, clock);
    }

    private AuthApi auth(JsonHttp http) {
        return new AuthApi(http, new CookieManager(), clock);
    }
}
