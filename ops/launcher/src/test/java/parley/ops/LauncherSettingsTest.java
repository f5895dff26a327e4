package parley.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    @Test
    void plainHttpOn8080ByDefault() {
        LauncherSettings settings = LauncherSettings.from(Map.of());

        assertThat(settings.tls()).isFalse();
        assertThat(settings.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(settings.webSocketUrl()).isEqualTo("ws://localhost:8080/ws");
    }

    @Test
    void theTlsFlagServesHttpsAndWssOn8443WithAGeneratedCertificate() {
        LauncherSettings settings = LauncherSettings.from(Map.of(), "--tls");

        assertThat(settings.tls()).isTrue();
        assertThat(settings.externalKeyStore()).isFalse();
        assertThat(settings.baseUrl()).isEqualTo("https://localhost:8443");
        assertThat(settings.webSocketUrl()).isEqualTo("wss://localhost:8443/ws");
    }

    @Test
    void anExplicitPortWinsOverTheTlsDefault() {
        assertThat(LauncherSettings.from(Map.of("SERVER_PORT", "9443"), "--tls").httpPort()).isEqualTo(9443);
    }

    @Test
    void aConfiguredKeyStoreMeansTlsWithoutAGeneratedCertificate() {
        LauncherSettings settings = LauncherSettings.from(Map.of("SERVER_SSL_KEY_STORE", "file:/etc/parley/tls.p12"));

        assertThat(settings.tls()).isTrue();
        assertThat(settings.externalKeyStore()).isTrue();
    }

    @Test
    void theEnvironmentCanAskForTlsToo() {
        assertThat(LauncherSettings.from(Map.of("PARLEY_TLS", "true")).tls()).isTrue();
    }

    @Test
    void theLauncherKeepsItsOwnFlagFromSpring() {
        assertThat(LauncherSettings.springArguments("--tls", "--logging.level.root=WARN"))
                .containsExactly("--logging.level.root=WARN");
    }
}
