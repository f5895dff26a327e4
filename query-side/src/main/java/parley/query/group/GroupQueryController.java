package parley.query.group;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import parley.edge.apidocs.ApiDocs;
import parley.query.web.ApiProblems;

@SecurityRequirement(name = ApiDocs.BEARER)
@SecurityRequirement(name = ApiDocs.ACCESS_COOKIE)
@RestController
class GroupQueryController {

    /** The lowest UUID in PostgreSQL's (unsigned, bytewise) order. */
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    private final GroupReads reads;

    GroupQueryController(GroupReads reads) {
        this.reads = reads;
    }

    /** A group and a page of its members, ordered by user id; {@code nextCursor} is the next {@code afterUserId}. */
    @GetMapping("/api/groups/{groupId}")
    GroupDetails group(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID groupId,
            @RequestParam(required = false) UUID afterUserId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        GroupReads.GroupHeader header = reads.header(groupId, UUID.fromString(jwt.getSubject()))
                .orElseThrow(() -> ApiProblems.notFound("no such group"));
        List<GroupReads.Member> rows = reads.members(groupId, afterUserId == null ? BEFORE_ALL : afterUserId, limit);
        boolean more = rows.size() > limit;
        List<GroupReads.Member> page = more ? rows.subList(0, limit) : rows;
        return new GroupDetails(header.groupId(), header.name(), header.membersCount(), page,
                more ? page.get(page.size() - 1).userId() : null);
    }

    record GroupDetails(UUID groupId, String name, int membersCount, List<GroupReads.Member> members, UUID nextCursor) {
    }
}
