package parley.command.e2ee;

import java.util.Set;

/** What the server reads of an envelope v1: who sealed it and for which devices. Never the content. */
record EnvelopeHeader(String senderDeviceId, Set<ReaderDevice> recipients) {
}
