package parley.query.device;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import parley.api.Ids;
import parley.edge.apidocs.ApiDocs;
import parley.query.web.ApiProblems;

/**
 * Users' public device keys and safety numbers. Public keys are public: any signed-in user may read
 * anyone's, which is what encrypting to them needs.
 */
@SecurityRequirement(name = ApiDocs.BEARER)
@SecurityRequirement(name = ApiDocs.ACCESS_COOKIE)
@RestController
class DeviceQueryController {

    private final DeviceReads reads;

    DeviceQueryController(DeviceReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/users/{userId}/devices")
    UserDevices devices(@PathVariable UUID userId) {
        requireUser(userId);
        return new UserDevices(userId, reads.currentDevices(userId));
    }

    /** The caller's safety number with {@code userId}; both see the same digits. */
    @GetMapping("/api/users/{userId}/safety-number")
    SafetyNumberView safetyNumber(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID userId) {
        requireUser(userId);
        UUID caller = UUID.fromString(jwt.getSubject());
        return new SafetyNumberView(caller, userId, SafetyNumber.of(party(caller), party(userId)));
    }

    /**
     * The id of the caller's private chat with {@code userId}, whether or not it has messages yet: an
     * envelope is bound to its chat id before the first message is sent, and the id is a name-based
     * (MD5) UUID that WebCrypto cannot compute.
     */
    @GetMapping("/api/users/{userId}/private-chat")
    PrivateChatView privateChat(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID userId) {
        requireUser(userId);
        UUID caller = UUID.fromString(jwt.getSubject());
        if (caller.equals(userId)) {
            throw ApiProblems.badRequest("a private chat needs two different users");
        }
        return new PrivateChatView(Ids.privateChatId(caller, userId), userId);
    }

    private SafetyNumber.Party party(UUID userId) {
        return new SafetyNumber.Party(userId, reads.currentDevices(userId).stream().map(DeviceReads.Device::signingKey).toList());
    }

    private void requireUser(UUID userId) {
        if (!reads.userExists(userId)) {
            throw ApiProblems.notFound("no such user");
        }
    }

    record UserDevices(UUID userId, List<DeviceReads.Device> devices) {
    }

    record PrivateChatView(UUID chatId, UUID peerId) {
    }

    record SafetyNumberView(UUID userId, UUID peerId, String safetyNumber) {
    }
}
