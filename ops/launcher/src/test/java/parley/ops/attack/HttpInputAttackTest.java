package parley.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import parley.command.testing.ParleyHttp;
import parley.command.testing.PlatformProperties;
import parley.command.testing.TestUser;
import parley.ops.PlatformTest;
import parley.ops.RunningPlatform;
import parley.ops.Waits;

/**
 * Issue 12, point 14: HTTP input that used to reach a 500 or be half-understood. Passwords are
 * limited to BCrypt's 72 bytes in UTF-8 (a clear 400 saying so, never a 500), counted in bytes, so a
 * password of few but wide characters is refused too; and a JSON body with a field the endpoint does
 * not take is refused (400 naming the field) instead of being silently ignored, on every endpoint
 * that takes a body. Nothing is stored or changed by a refused request.
 */
@PlatformTest
class HttpInputAttackTest extends RunningPlatform {

    private static final String KEY_A = "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo";
    private static final String KEY_B = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        PlatformProperties.register(registry, "attack-http-input");
    }

    @Test
    void passwordsOverBcryptsSeventyTwoBytesAreAClear400AtRegistrationAndLogin() {
        for (String password : new String[] {"p".repeat(73), "p".repeat(128), "p".repeat(1000), "é".repeat(37), "😀".repeat(19)}) {
            String username = name("long");
            ParleyHttp.Response register = register(username, password);
            assertPasswordTooLong(register, password);
            assertThat(register(username, "correct horse battery").status()).as("the name is still free").isEqualTo(201);
            assertPasswordTooLong(login(username, password), password);
        }
    }

    @Test
    void aPasswordOfExactlySeventyTwoBytesWorksWhateverItsCharacters() {
        for (String password : new String[] {"p".repeat(72), "é".repeat(36), "😀".repeat(18), "ab😀".repeat(12)}) {
            assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(72);
            String username = name("exact");
            assertThat(register(username, password).status()).as(password).isEqualTo(201);
            assertThat(login(username, password).status()).as(password).isEqualTo(200);
            assertThat(login(username, password.substring(0, password.length() - 1) + "q").status())
                    .as("the last byte counts").isIn(400, 401);
        }
    }

    @Test
    void unknownFieldsAreRefusedByNameOnRegistrationAndStoreNothing() {
        String username = name("extra");

        ParleyHttp.Response refused = http.post("/api/auth/register",
                Map.of("username", username, "password", "correct horse battery", "displayName", "x", "role", "ADMIN"), null);

        assertUnknownField(refused, "role");
        assertThat(register(username, "correct horse battery").status()).as("nothing was registered").isEqualTo(201);
    }

    @Test
    void unknownFieldsAreRefusedOnLoginRefreshLogoutAndDevices() {
        TestUser alice = http.registerAndLogin("alice");
        String refreshToken = http.login(alice).body().get("refreshToken").asText();

        assertUnknownField(http.post("/api/auth/login",
                Map.of("username", alice.username(), "password", ParleyHttp.PASSWORD, "rememberMe", true), null), "rememberMe");
        assertUnknownField(http.post("/api/auth/refresh", Map.of("refreshToken", refreshToken, "scope", "admin"), null), "scope");
        assertUnknownField(http.post("/api/auth/logout", Map.of("refreshToken", refreshToken, "everywhere", true), null),
                "everywhere");
        assertUnknownField(http.put("/api/devices/laptop",
                Map.of("agreementKey", KEY_A, "signingKey", KEY_B, "userId", UUID.randomUUID().toString()), alice.accessToken()),
                "userId");
        // The directory is projected asynchronously: a device published after the refused one, by the same
        // user (same aggregate, same partition), is listed only once everything before it was projected.
        assertThat(http.put("/api/devices/phone", Map.of("agreementKey", KEY_A, "signingKey", KEY_B), alice.accessToken())
                .status()).isEqualTo(201);
        JsonNode listed = await().atMost(Waits.ASYNC).until(
                () -> http.get("/api/users/" + alice.userId() + "/devices", alice.accessToken()).body().get("devices"),
                devices -> devices != null && !devices.isEmpty());
        assertThat(listed.findValuesAsText("deviceId")).as("only the device published properly").containsExactly("phone");

        JsonNode refreshed = http.post("/api/auth/refresh", Map.of("refreshToken", refreshToken), null).body();
        assertThat(refreshed.get("refreshToken").asText()).as("the refused calls neither rotated nor revoked the token")
                .isNotBlank();
    }

    @Test
    void aBodyWithTrailingContentOrNotJsonIsA400() {
        String body = "{\"username\":\"" + name("trail") + "\",\"password\":\"correct horse battery\",\"displayName\":\"x\"}";

        ParleyHttp.Response trailing = http.post("/api/auth/register", body + "{\"role\":\"ADMIN\"}", null);
        ParleyHttp.Response garbage = http.post("/api/auth/register", "{\"username\":", null);

        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.contentType()).hasToString("application/problem+json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.contentType()).hasToString("application/problem+json");
    }

    @Test
    void aLoginNameThatCannotExistIsA400NamingTheFieldNotAServerError() {
        for (String username : new String[] {"ali\u0000ce", "ali\nce", "x".repeat(1_000), "<script>"}) {
            ParleyHttp.Response response = login(username, "correct horse battery");
            assertThat(response.status()).as(username.length() + " characters").isEqualTo(400);
            assertThat(response.contentType()).hasToString("application/problem+json");
            assertThat(response.body().get("errors").findValuesAsText("field")).contains("username");
        }
    }

    private ParleyHttp.Response register(String username, String password) {
        return http.post("/api/auth/register", Map.of("username", username, "password", password, "displayName", "x"), null);
    }

    private ParleyHttp.Response login(String username, String password) {
        return http.post("/api/auth/login", Map.of("username", username, "password", password), null);
    }

    private static void assertPasswordTooLong(ParleyHttp.Response response, String password) {
        assertThat(response.status()).as(password.length() + " characters").isEqualTo(400);
        assertThat(response.contentType()).hasToString("application/problem+json");
        assertThat(response.body().get("errors").findValuesAsText("field")).contains("password");
        assertThat(response.body().get("errors").findValuesAsText("message")).anySatisfy(message -> assertThat(message)
                .satisfiesAnyOf(m -> assertThat(m).contains("72 bytes"), m -> assertThat(m).contains("size must be")));
    }

    private static void assertUnknownField(ParleyHttp.Response response, String field) {
        assertThat(response.status()).as(field).isEqualTo(400);
        assertThat(response.contentType()).hasToString("application/problem+json");
        assertThat(response.body().get("detail").asText()).contains("'" + field + "'");
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
