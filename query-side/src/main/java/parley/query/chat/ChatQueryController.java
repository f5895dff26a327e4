package parley.query.chat;

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
class ChatQueryController {

    private final ChatReads reads;

    ChatQueryController(ChatReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/chats")
    List<ChatSummary> chats(@AuthenticationPrincipal Jwt jwt) {
        return reads.chatsOf(userId(jwt));
    }

    @GetMapping("/api/chats/{chatId}/messages")
    MessagePage messages(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID chatId,
            @RequestParam(required = false) @Min(0) Long beforeSeq,
            @RequestParam(required = false) @Min(0) Long afterSeq,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) @Min(1) Long minSeq) {
        if (beforeSeq != null && afterSeq != null) {
            throw ApiProblems.badRequest("give beforeSeq or afterSeq, not both");
        }
        UUID userId = userId(jwt);
        HistoryWindow window = new HistoryWindow(beforeSeq, afterSeq, limit);
        if (minSeq == null) {
            return page(chatId, userId, window);
        }
        // Read-your-writes: the caller just sent minSeq and must see it, even if a replica lags.
        return reads.readingAtLeast(chatId, userId, minSeq, () -> page(chatId, userId, window));
    }

    private MessagePage page(UUID chatId, UUID userId, HistoryWindow window) {
        int limit = window.limit();
        ChatAccess access = reads.access(chatId, userId).orElseThrow(ApiProblems::noSuchChat);
        List<MessageView> rows = reads.messages(chatId, access, window);
        boolean more = rows.size() > limit;
        List<MessageView> page = more ? rows.subList(0, limit) : rows;
        return new MessagePage(page, more ? page.get(page.size() - 1).seq() : null);
    }

    static UUID userId(Jwt jwt) {
        return UUID.fromString(jwt.getSubject());
    }
}
