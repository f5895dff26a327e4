package parley.analyst.export;

import java.time.Instant;

/**
 * One exported event: the store's row facts, what the payload says about who and which chat, and
 * the payload's non-content fields. Never a message's content: an envelope is reduced to its shape
 * ({@link EnvelopeShape}); free text (group names, user names, device keys) is left out. Every
 * component is documented, column by column, in docs/analysts.md ("Columns").
 */
public record ExportRow(
        long position,
        String eventId,
        Instant time,
        String type,
        String revision,
        String aggregateType,
        String aggregateId,
        long aggregateSeq,
        String chatId,
        String chatType,
        String actor,
        String subject,
        int payloadSize,
        Long seq,
        String messageId,
        String clientMessageId,
        String role,
        Long joinedAtSeq,
        Long deliveredUpToSeq,
        Long readUpToSeq,
        String deviceId,
        Integer envelopeVersion,
        String envelopeAlg,
        String envelopeSenderDevice,
        Integer envelopeRecipients,
        Integer envelopeSize,
        String correlationId,
        String traceId) {
}
