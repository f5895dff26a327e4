package parley.client.messages;

/** A message the server accepted and stored: its chat, its place ({@code seq}) and ids. */
public record Sent(String chatId, long seq, String messageId, String clientMessageId) {
}
