package parley.bench.load;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The exactly-once check: every acknowledged message must reach every member of its chat but the sender, once.
 * Per chat it keeps one bitset of acknowledged seqs per sender and one of delivered seqs per recipient (seqs
 * count from 1 without gaps, so bitsets stay dense and cheap). Deliveries may arrive before their
 * acknowledgement; the comparison is made only when asked. Deliveries of messages never acknowledged (sent
 * before the run, or whose reply timed out) count neither as lost nor as expected.
 */
public final class DeliveryLedger {

    private final Chat[] chats;

    /** @param chatSizes the number of members of each chat, by chat index */
    public DeliveryLedger(int[] chatSizes) {
        chats = new Chat[chatSizes.length];
        for (int i = 0; i < chatSizes.length; i++) {
            chats[i] = new Chat(chatSizes[i]);
        }
    }

    /** A ledger of {@code chats} private chats (two members each). */
    public static DeliveryLedger ofPrivateChats(int chats) {
        int[] sizes = new int[chats];
        Arrays.fill(sizes, 2);
        return new DeliveryLedger(sizes);
    }

    public void acknowledged(int chat, int sender, long seq) {
        chats[chat].acknowledged(sender, toIndex(seq));
    }

    /** @return false if this recipient had this seq already (a duplicate) */
    public boolean delivered(int chat, int recipient, long seq) {
        return chats[chat].delivered(recipient, toIndex(seq));
    }

    /** Acknowledged deliveries (message x recipient) that have not arrived (yet). */
    public long missing() {
        long missing = 0;
        for (Chat chat : chats) {
            missing += chat.missing();
        }
        return missing;
    }

    public long duplicated() {
        long duplicated = 0;
        for (Chat chat : chats) {
            duplicated += chat.duplicated();
        }
        return duplicated;
    }

    /** One acknowledged delivery that has not arrived: message {@code seq} of chat {@code chat} to member {@code recipient}. */
    public record Missing(int chat, int recipient, long seq) {
    }

    /** Up to {@code limit} of the deliveries {@link #missing()} counts, chat by chat: what a failed check reports. */
    public java.util.List<Missing> missingDeliveries(int limit) {
        java.util.List<Missing> found = new java.util.ArrayList<>();
        for (int chat = 0; chat < chats.length && found.size() < limit; chat++) {
            chats[chat].missingInto(chat, found, limit);
        }
        return found;
    }

    /** Deliveries the acknowledged messages call for: each message once per member but its sender. */
    public long expected() {
        long expected = 0;
        for (Chat chat : chats) {
            expected += chat.expected();
        }
        return expected;
    }

    private static int toIndex(long seq) {
        if (seq < 1 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seq out of range: " + seq);
        }
        return (int) seq;
    }

    private static final class Chat {
        private final BitSet[] ackedBySender;
        private final BitSet[] deliveredTo;
        private final long[] duplicates;

        Chat(int members) {
            ackedBySender = new BitSet[members];
            deliveredTo = new BitSet[members];
            duplicates = new long[members];
            for (int i = 0; i < members; i++) {
                ackedBySender[i] = new BitSet();
                deliveredTo[i] = new BitSet();
            }
        }

        void acknowledged(int sender, int seq) {
            synchronized (ackedBySender[sender]) {
                ackedBySender[sender].set(seq);
            }
        }

        boolean delivered(int recipient, int seq) {
            synchronized (deliveredTo[recipient]) {
                if (deliveredTo[recipient].get(seq)) {
                    duplicates[recipient]++;
                    return false;
                }
                deliveredTo[recipient].set(seq);
                return true;
            }
        }

        long missing() {
            BitSet acked = allAcked();
            long missing = 0;
            for (int recipient = 0; recipient < deliveredTo.length; recipient++) {
                BitSet expected = (BitSet) acked.clone();
                synchronized (ackedBySender[recipient]) {
                    expected.andNot(ackedBySender[recipient]);
                }
                synchronized (deliveredTo[recipient]) {
                    expected.andNot(deliveredTo[recipient]);
                }
                missing += expected.cardinality();
            }
            return missing;
        }

        void missingInto(int chat, java.util.List<Missing> found, int limit) {
            BitSet acked = allAcked();
            for (int recipient = 0; recipient < deliveredTo.length; recipient++) {
                BitSet expected = (BitSet) acked.clone();
                synchronized (ackedBySender[recipient]) {
                    expected.andNot(ackedBySender[recipient]);
                }
                synchronized (deliveredTo[recipient]) {
                    expected.andNot(deliveredTo[recipient]);
                }
                for (int seq = expected.nextSetBit(0); seq >= 0 && found.size() < limit; seq = expected.nextSetBit(seq + 1)) {
                    found.add(new Missing(chat, recipient, seq));
                }
            }
        }

        long expected() {
            long total = 0;
            int members = ackedBySender.length;
            for (BitSet sent : ackedBySender) {
                synchronized (sent) {
                    total += (long) sent.cardinality() * (members - 1);
                }
            }
            return total;
        }

        long duplicated() {
            long total = 0;
            for (int i = 0; i < duplicates.length; i++) {
                synchronized (deliveredTo[i]) {
                    total += duplicates[i];
                }
            }
            return total;
        }

        private BitSet allAcked() {
            BitSet all = new BitSet();
            for (BitSet sent : ackedBySender) {
                synchronized (sent) {
                    all.or(sent);
                }
            }
            return all;
        }
    }
}
