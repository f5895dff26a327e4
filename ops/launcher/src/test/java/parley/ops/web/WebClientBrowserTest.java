package parley.ops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.MachineRequirements;
import parley.command.testing.PlatformProperties;
import parley.local.Patience;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;

/**
 * Acceptance 4: the web client in a real Chromium, against the running platform. The browser part is
 * the Playwright script {@code clients/web/e2e/two-users.mjs}: two fresh users chat both ways through
 * end-to-end encryption and the sender sees the read mark; then bob signs in on a second browser and
 * alice sees a notice that his devices changed, with the new safety number; then on a tablet while
 * alice's page is closed, and her next page refuses to seal to it until she trusts it (issue 12,
 * point 3). Its screenshots land in {@code target/screenshots/}.
 */
@PlatformTest
class WebClientBrowserTest extends RunningPlatform {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "web-browser");
    }

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path WEB_CLIENT = Path.of("..", "..", "clients", "web").toAbsolutePath().normalize();
    private static final Path SCRIPT = WEB_CLIENT.resolve(Path.of("e2e", "two-users.mjs"));
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "web-client-two-users.png").toAbsolutePath();
    /** Issue 12, point 3: what alice sees once bob signs in on a second browser. */
    private static final Path DEVICE_NOTICE = Path.of("target", "screenshots", "web-client-two-users-device-notice.png").toAbsolutePath();
    /** ... and what her next page shows when bob signed in on a tablet while it was closed: nothing is sealed to it. */
    private static final Path UNCONFIRMED_DEVICE = Path.of("target", "screenshots", "web-client-two-users-unconfirmed-device.png").toAbsolutePath();

    /** How long the script waits for any one thing on the page before it fails. */
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(60);

    @Test
    void twoUsersChatEncryptedInTheBrowserAndTheSenderSeesTheReadMarkAndANewDeviceNotice() throws Exception {
        requireChromium();
        assertThat(WEB_CLIENT.resolve("node_modules/playwright-core")).as("clients/web dependencies (npm ci in clients/web)").isDirectory();
        Files.deleteIfExists(SCREENSHOT);
        Files.deleteIfExists(DEVICE_NOTICE);
        Files.deleteIfExists(UNCONFIRMED_DEVICE);

        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString(), baseUrl(), SCREENSHOT.toString())
                .directory(WEB_CLIENT.toFile())
                .redirectErrorStream(true);
        node.environment().put("PARLEY_E2E_TIMEOUT_MS", String.valueOf(Patience.scaled(BROWSER_WAIT).toMillis()));
        Process script = node.start();
        String output = outputOf(script);
        System.out.println(output);

        assertThat(script.exitValue()).as("two-users.mjs exit code; its output:%n%s", output).isZero();
        assertThat(SCREENSHOT).as("the chat's screenshot").isNotEmptyFile();
        assertThat(DEVICE_NOTICE).as("the screenshot of the notice that bob's devices changed").isNotEmptyFile();
        assertThat(UNCONFIRMED_DEVICE).as("the screenshot of the send refused to bob's unannounced device").isNotEmptyFile();
    }

    private static void requireChromium() {
        MachineRequirements.require("the browser test", Files.isExecutable(CHROMIUM) ? Optional.empty()
                : Optional.of("Chromium at " + CHROMIUM + " (apt-get update && apt-get install -y chromium)"));
    }

    private static String outputOf(Process script) throws IOException, InterruptedException {
        // read while it runs, so a chatty script never blocks on a full pipe
        byte[] output = script.getInputStream().readAllBytes();
        if (!script.waitFor(3, TimeUnit.MINUTES)) {
            script.destroyForcibly();
            fail("two-users.mjs did not finish within 3 minutes:%n%s", new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
