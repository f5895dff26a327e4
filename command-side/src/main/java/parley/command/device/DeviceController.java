package parley.command.device;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import parley.api.device.DeviceCommands.PublishDeviceKeys;
import parley.api.device.DeviceCommands.RevokeDevice;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;
import parley.edge.apidocs.ApiDocs;

/**
 * The caller's own devices: {@code PUT} registers or rotates, {@code DELETE} revokes. The user is
 * the access token's subject; no path or body field can name another user. Both need a fresh
 * password login ({@link FreshAuthentication}); each change is pushed to the user's sessions and
 * contacts as {@code DeviceListChanged}.
 */
@SecurityRequirement(name = ApiDocs.BEARER)
@RestController
class DeviceController {

    private static final long TIMEOUT_SECONDS = 30;
    private static final Map<RejectionCode, HttpStatus> STATUS = Map.of(
            RejectionCode.INVALID_COMMAND, HttpStatus.BAD_REQUEST,
            RejectionCode.UNKNOWN_DEVICE, HttpStatus.NOT_FOUND,
            RejectionCode.DEVICE_REVOKED, HttpStatus.CONFLICT,
            RejectionCode.TOO_MANY_DEVICES, HttpStatus.CONFLICT);

    private final CommandGateway commands;
    private final FreshAuthentication freshAuthentication;
    private final DeviceDirectory directory;

    DeviceController(CommandGateway commands, FreshAuthentication freshAuthentication, DeviceDirectory directory) {
        this.commands = commands;
        this.freshAuthentication = freshAuthentication;
        this.directory = directory;
    }

    @PutMapping("/api/devices/{deviceId}")
    @ApiResponse(responseCode = "201", description = "the device is new", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "its keys were rotated, or were already these", useReturnTypeSchema = true)
    ResponseEntity<DeviceView> publish(@PathVariable String deviceId, @Valid @RequestBody DeviceKeysBody body,
            @AuthenticationPrincipal Jwt token) {
        if (!alreadyPublished(userOf(token), deviceId, body)) {
            freshAuthentication.require(token);
        }
        PublishedDevice device = commands.sendAndWait(
                new PublishDeviceKeys(userOf(token), deviceId, body.agreementKey(), body.signingKey()), TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return ResponseEntity.status(device.registered() ? HttpStatus.CREATED : HttpStatus.OK).body(DeviceView.of(device));
    }

    @DeleteMapping("/api/devices/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String deviceId, @AuthenticationPrincipal Jwt token) {
        // A thief who could revoke would lock the user out of their devices for good (a revoked id never comes back).
        freshAuthentication.require(token);
        commands.sendAndWait(new RevokeDevice(userOf(token), deviceId), TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @ExceptionHandler(CommandRejectedException.class)
    ProblemDetail rejected(CommandRejectedException rejection) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                STATUS.getOrDefault(rejection.code(), HttpStatus.UNPROCESSABLE_ENTITY), rejection.getMessage());
        problem.setProperty("code", rejection.code().name());
        return problem;
    }

    /**
     * Publishing the keys a current device already has changes nothing, so it needs no fresh login: a
     * client that resumed its session from a refresh token re-publishes its device on start.
     */
    private boolean alreadyPublished(UUID userId, String deviceId, DeviceKeysBody body) {
        return directory.currentDevices(userId).stream().anyMatch(device -> device.deviceId().equals(deviceId)
                && device.agreementKey().equals(body.agreementKey()) && device.signingKey().equals(body.signingKey()));
    }

    private static UUID userOf(Jwt token) {
        return UUID.fromString(token.getSubject());
    }

    record DeviceKeysBody(
            @NotNull @Pattern(regexp = DeviceRules.KEY_PATTERN, message = "must be the base64url (no padding) of a 32-byte public key")
            String agreementKey,
            @NotNull @Pattern(regexp = DeviceRules.KEY_PATTERN, message = "must be the base64url (no padding) of a 32-byte public key")
            String signingKey) {
    }

    record DeviceView(String deviceId, String agreementKey, String signingKey, Instant createdAt) {

        static DeviceView of(PublishedDevice device) {
            return new DeviceView(device.deviceId(), device.agreementKey(), device.signingKey(), device.createdAt());
        }
    }
}
