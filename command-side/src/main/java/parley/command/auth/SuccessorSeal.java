package parley.command.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a rotation's successor token under a key derived from the rotated token (AES-256-GCM, random
 * nonce). The key is SHA-256 over a label and the token, unrelated to the lookup hash (SHA-256 of the
 * token alone), so the stored row does not hold it: only a client presenting the rotated token can
 * open its successor, and such a client could have refreshed with it anyway. Refresh tokens carry
 * 256 random bits, so the key cannot be guessed. The row is bound as associated data, so a sealed
 * successor cannot be moved to another row.
 */
final class SuccessorSeal {

    private static final String LABEL = "parley-refresh-successor-v1\n";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SuccessorSeal() {
    }

    static byte[] seal(String rotated, byte[] rotatedHash, String successor) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, rotated, rotatedHash, nonce);
            byte[] sealed = cipher.doFinal(successor.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The successor, or empty if the seal does not open with this token (tampered, or another row's). */
    static Optional<String> open(String rotated, byte[] rotatedHash, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, rotated, rotatedHash, nonce);
            return Optional.of(new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String rotated, byte[] rotatedHash, byte[] nonce) throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(LABEL.getBytes(StandardCharsets.UTF_8));
        byte[] key = sha256.digest(rotated.getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(rotatedHash);
        return cipher;
    }
}
