package parley.command.shutdown;

/** Pushed on {@code /user/queue/events} before a draining node closes a session: connect to another node. */
record Reconnect(String type, String reason) {

    static Reconnect shutdown() {
        return new Reconnect("Reconnect", "shutdown");
    }
}
