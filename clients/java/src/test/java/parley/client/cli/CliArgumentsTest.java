package parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

    @Test
    void loginWithAChatAndOptions() {
        CliArguments parsed = CliArguments.parse(List.of("--url", "https://parley.example", "login", "alice", "chat", "bob",
                "--keys", "/tmp/k", "--device", "cli-1"));

        assertThat(parsed).isEqualTo(new CliArguments("https://parley.example", Path.of("/tmp/k"), "cli-1", "login", "alice",
                null, "chat", "bob"));
    }

    @Test
    void loginAloneListsChatsAndRegisterDefaultsTheDisplayName() {
        assertThat(CliArguments.parse(List.of("login", "alice")).mode()).isEqualTo("chats");
        assertThat(CliArguments.parse(List.of("register", "alice")).displayName()).isEqualTo("alice");
        assertThat(CliArguments.parse(List.of("register", "alice", "Alice A.")).displayName()).isEqualTo("Alice A.");
        assertThat(CliArguments.parse(List.of("login", "alice")).url()).isEqualTo("http://localhost:8080");
    }

    @Test
    void safetyNumberTakesAPeerOrAGroup() {
        CliArguments parsed = CliArguments.parse(List.of("login", "alice", "safety-number", "bob"));
        assertThat(parsed.mode()).isEqualTo("safety-number");
        assertThat(parsed.target()).isEqualTo("bob");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "safety-number")))
                .hasMessageContaining("a peer or a group id");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> CliArguments.parse(List.of())).hasMessageContaining("register or login");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "group"))).hasMessageContaining("group id");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "alice", "dance"))).hasMessageContaining("dance");
        assertThatThrownBy(() -> CliArguments.parse(List.of("--url"))).hasMessageContaining("--url needs a value");
        assertThatThrownBy(() -> CliArguments.parse(List.of("--verbose", "login", "a"))).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CliArguments.parse(List.of("login", "a", "chat", "b", "extra"))).hasMessageContaining("extra");
    }
}
