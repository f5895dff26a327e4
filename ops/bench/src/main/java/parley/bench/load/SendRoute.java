package parley.bench.load;

/**
 * What one sender sends into one chat: the destination and the command body, built once, with only the
 * clientMessageId changing from send to send (string concatenation keeps JSON work off the hot path).
 *
 * @param payloadJson the envelope (sealed once during setup) or the opaque {@code {"text"}} object
 */
record SendRoute(BenchChat chat, int senderMember, UserSession session, String destination, String bodyPrefix,
        String payloadJson) {

    static SendRoute of(BenchChat chat, int senderMember, UserSession session, String payloadJson) {
        if (chat.group()) {
            return new SendRoute(chat, senderMember, session, "/app/group.send",
                    "{\"groupId\":\"" + chat.chatId() + "\",\"clientMessageId\":\"", payloadJson);
        }
        String peerId = chat.members().get(1 - senderMember).userId();
        return new SendRoute(chat, senderMember, session, "/app/private.send",
                "{\"peerId\":\"" + peerId + "\",\"clientMessageId\":\"", payloadJson);
    }

    String body(String clientMessageId) {
        return bodyPrefix + clientMessageId + "\",\"envelope\":" + payloadJson + "}";
    }

    /** Members that must receive a message on this route: everyone but the sender. */
    int recipients() {
        return chat.members().size() - 1;
    }
}
