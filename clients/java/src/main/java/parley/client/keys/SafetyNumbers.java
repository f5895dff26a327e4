package parley.client.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The safety number two users compare out of band, exactly as docs/protocol.md ("GET .../safety-number") defines
 * it and the server and the web client compute it: SHA-256 over a text of both users' ids and their devices'
 * signing keys, shown as 12 groups of 5 digits. The client computes it from the keys it pinned (docs/e2ee.md), so
 * a number both sides agree on means both encrypt to the same devices.
 */
public final class SafetyNumbers {

    static final String VERSION_LINE = "parley-safety-number-v1";
    private static final int GROUPS = 12;
    private static final int DIGITS_PER_GROUP = 5;
    private static final BigInteger MODULUS = BigInteger.TEN.pow(GROUPS * DIGITS_PER_GROUP);

    private SafetyNumbers() {
    }

    /** One user and the signing keys (base64url, as the directory lists them) of their devices. */
    public record Party(String userId, Collection<String> signingKeys) {
    }

    public static String of(Party one, Party other) {
        byte[] digest = sha256(canonicalText(one, other).getBytes(StandardCharsets.UTF_8));
        String digits = String.format("%0" + GROUPS * DIGITS_PER_GROUP + "d", new BigInteger(1, digest).mod(MODULUS));
        return IntStream.range(0, GROUPS)
                .mapToObj(group -> digits.substring(group * DIGITS_PER_GROUP, (group + 1) * DIGITS_PER_GROUP))
                .collect(Collectors.joining(" "));
    }

    /** The version line, then per user (in id order) its id and its keys in string order; every line ends in \n. */
    static String canonicalText(Party one, Party other) {
        StringBuilder text = new StringBuilder(VERSION_LINE).append('\n');
        List.of(one, other).stream()
                .sorted(Comparator.comparing(party -> party.userId().toLowerCase(Locale.ROOT)))
                .forEach(party -> {
                    text.append("user:").append(party.userId().toLowerCase(Locale.ROOT)).append('\n');
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
