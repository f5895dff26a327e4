package parley.client.crypto;

import java.util.List;

/** The exact bytes the content encryption authenticates and the sender signs (docs/e2ee.md). */
final class BoundBytes {

    static final String CONTENT_LABEL = "parley/e2ee/v1/content";
    static final String SIGNATURE_LABEL = "parley/e2ee/v1/signature";

    private BoundBytes() {
    }

    /** The content AD: the ciphertext only decrypts under the chat, sender and client message id it was made for. */
    static byte[] contentAssociatedData(MessageContext context) {
        return CanonicalBytes.labelled(CONTENT_LABEL)
                .text(context.chatId())
                .text(context.senderUserId())
                .text(context.senderDeviceId())
                .text(context.clientMessageId())
                .toByteArray();
    }

    /** Everything in the envelope plus the context; {@code recipients} must already be in {@link RecipientKey#ORDER}. */
    static byte[] signed(MessageContext context, byte[] nonce, byte[] ciphertext, List<SealedRecipient> recipients) {
        CanonicalBytes bytes = CanonicalBytes.labelled(SIGNATURE_LABEL)
                .number(EnvelopeV1.VERSION)
                .text(EnvelopeV1.ALG)
                .text(context.chatId())
                .text(context.senderUserId())
                .text(context.senderDeviceId())
                .text(context.clientMessageId())
                .bytes(nonce)
                .bytes(ciphertext)
                .number(recipients.size());
        for (SealedRecipient recipient : recipients) {
            bytes.text(recipient.key().userId())
                    .text(recipient.key().deviceId())
                    .bytes(recipient.ephemeralKey())
                    .bytes(recipient.wrappedKey());
        }
        return bytes.toByteArray();
    }
}
