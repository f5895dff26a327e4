package parley.query.device;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The safety number of two users, which both compare out of band: SHA-256 over an order-independent
 * text of both users' ids and current signing keys, shown as 12 groups of 5 digits. Any change of a
 * signing key (a device added, rotated or revoked) changes it. The algorithm is published in
 * {@code docs/protocol.md} so clients compute it themselves rather than trust the server.
 */
final class SafetyNumber {

    static final String VERSION_LINE = "parley-safety-number-v1";
    private static final int GROUPS = 12;
    private static final int DIGITS_PER_GROUP = 5;
    private static final BigInteger MODULUS = BigInteger.TEN.pow(GROUPS * DIGITS_PER_GROUP);

    private SafetyNumber() {
    }

    /** The user's id and the signing keys of their current devices. */
    record Party(UUID userId, List<String> signingKeys) {
    }

    static String of(Party one, Party other) {
        String canonical = canonicalText(one, other);
        BigInteger digest = new BigInteger(1, sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        String digits = String.format("%0" + GROUPS * DIGITS_PER_GROUP + "d", digest.mod(MODULUS));
        return IntStream.range(0, GROUPS)
                .mapToObj(group -> digits.substring(group * DIGITS_PER_GROUP, (group + 1) * DIGITS_PER_GROUP))
                .collect(Collectors.joining(" "));
    }

    /** One line each, ending in {@code \n}: the version, then per user (by id) its id and its sorted keys. */
    static String canonicalText(Party one, Party other) {
        StringBuilder text = new StringBuilder(VERSION_LINE).append('\n');
        List.of(one, other).stream()
                .sorted(Comparator.comparing(party -> party.userId().toString()))
                .forEach(party -> {
                    text.append("user:").append(party.userId()).append('\n');
                    party.signingKeys().stream().sorted().forEach(key -> text.append("key:").append(key).append('\n'));
                });
        return text.toString();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
