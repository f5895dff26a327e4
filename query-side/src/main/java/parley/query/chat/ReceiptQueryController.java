package parley.query.chat;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import parley.edge.apidocs.ApiDocs;
import parley.query.web.ApiProblems;

@SecurityRequirement(name = ApiDocs.BEARER)
@SecurityRequirement(name = ApiDocs.ACCESS_COOKIE)
@RestController
class ReceiptQueryController {

    private final ChatReads chats;
    private final ReceiptReads receipts;

    ReceiptQueryController(ChatReads chats, ReceiptReads receipts) {
        this.chats = chats;
        this.receipts = receipts;
    }

    @GetMapping("/api/chats/{chatId}/receipts")
    Receipts receipts(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID chatId) {
        ChatAccess access = chats.access(chatId, ChatQueryController.userId(jwt)).orElseThrow(ApiProblems::noSuchChat);
        return new Receipts(chatId, receipts.receipts(chatId, access));
    }

    @GetMapping("/api/chats/{chatId}/messages/{seq}/status")
    ReceiptReads.MessageStatus status(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID chatId,
            @PathVariable @Min(1) long seq) {
        ChatAccess access = chats.access(chatId, ChatQueryController.userId(jwt)).orElseThrow(ApiProblems::noSuchChat);
        if (seq <= access.visibleAfterSeq()) {
            throw ApiProblems.notFound("no such message");
        }
        return receipts.status(chatId, access, seq).orElseThrow(() -> ApiProblems.notFound("no such message"));
    }

    record Receipts(UUID chatId, List<ReceiptReads.Receipt> receipts) {
    }
}
