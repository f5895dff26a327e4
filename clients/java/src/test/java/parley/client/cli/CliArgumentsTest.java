package parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void loginWithAChatAndOptions() {
        CliArguments parsed = CliArguments.parse(List.of("--url", "https://parley.example", "login", "alice", "chat", "bob",
                "--keys", "/tmp/k", "--device", "cli-1"), NO_ENV);

        assertThat(parsed).isEqualTo(new CliArguments("https://parley.example", Path.of("/tmp/k"), "cli-1", "login", "alice",
                null, "chat", "bob", null));
    }

    @Test
    void loginAloneListsChatsAndRegisterDefaultsTheDisplayName() {
        assertThat(CliArguments.parse(List.of("login", "alice"), NO_ENV).mode()).isEqualTo("chats");
        assertThat(CliArguments.parse(List.of("register", "alice"), NO_ENV).displayName()).isEqualTo("alice");
        assertThat(CliArguments.parse(List.of("register", "alice", "Alice A."), NO_ENV).displayName()).isEqualTo("Alice A.");
        assertThat(CliArguments.parse(List.of("login", "alice"), NO_ENV).url()).isEqualTo("http://localhost:8080");
    }

    @Test
    void sendTakesTheRestAsTheTextAndReadTakesAPeer() {
        CliArguments send = CliArguments.parse(List.of("login", "alice", "send", "bob-id", "hi", "there"), NO_ENV);
        assertThat(send.mode()).isEqualTo("send");
        assertThat(send.target()).isEqualTo("bob-id");
        assertThat(send.text()).isEqualTo("hi there");

        CliArguments read = CliArguments.parse(List.of("login", "bob", "read", "Alice"), NO_ENV);
        assertThat(read.mode()).isEqualTo("read");
        assertThat(read.target()).isEqualTo("Alice");
        assertThat(read.text()).isNull();
    }

    @Test
    void theEnvironmentSetsTheDefaultUrlAndKeysAndOptionsStillWin() {
        Map<String, String> env = Map.of("PARLEY_URL", "http://127.0.0.1:9999", "PARLEY_KEYS", "/tmp/env-keys");

        CliArguments fromEnv = CliArguments.parse(List.of("login", "alice"), env);
        assertThat(fromEnv.url()).isEqualTo("http://127.0.0.1:9999");
        assertThat(fromEnv.keys()).isEqualTo(Path.of("/tmp/env-keys"));

        CliArguments overridden = CliArguments.parse(List.of("--url", "http://other", "--keys", "/k", "login", "alice"), env);
        assertThat(overridden.url()).isEqualTo("http://other");
        assertThat(overridden.keys()).isEqualTo(Path.of("/k"));
    }

    @Test
    void safetyNumberTakesAPeerOrAGroup() {
        CliArguments parsed = CliArguments.parse(List.of("login", "alice", "safety-number", "bob"), NO_ENV);
        assertThat(parsed.mode()).isEqualTo("safety-number");
        assertThat(parsed.target()).isEqualTo("bob");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "safety-number"), NO_ENV))
                .hasMessageContaining("a peer or a group id");
    }

    @Test
    void trustTakesAPeer() {
        CliArguments parsed = CliArguments.parse(List.of("login", "alice", "trust", "bob"), NO_ENV);
        assertThat(parsed.mode()).isEqualTo("trust");
        assertThat(parsed.target()).isEqualTo("bob");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "trust"), NO_ENV)).hasMessageContaining("a peer");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> CliArguments.parse(List.of(), NO_ENV)).hasMessageContaining("register or login");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "group"), NO_ENV)).hasMessageContaining("group id");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "dance"), NO_ENV)).hasMessageContaining("dance");
        assertThatThrownBy(() -> CliArguments.parse(List.of("--url"), NO_ENV)).hasMessageContaining("--url needs a value");
        assertThatThrownBy(() -> CliArguments.parse(List.of("--verbose", "login", "a"), NO_ENV)).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "a", "chat", "b", "extra"), NO_ENV)).hasMessageContaining("extra");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "a", "send", "b"), NO_ENV)).hasMessageContaining("text to send");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "a", "read"), NO_ENV)).hasMessageContaining("a peer");
    }
}
