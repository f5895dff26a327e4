package parley.client.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/**
 * The raw key encodings are the standard ones (RFC 7748 / RFC 8032, what WebCrypto's raw export gives):
 * the JDK's own X25519 and Ed25519, fed through the fixed X.509 prefixes, agree with BouncyCastle.
 */
class JdkInteropTest {

    // SubjectPublicKeyInfo / PKCS#8 prefixes of RFC 8410: the raw 32-byte key follows them
    private static final byte[] X25519_SPKI = HexFormat.of().parseHex("302a300506032b656e032100");
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int PKCS8_PREFIX_LENGTH = 16;

    @Test
    void theJdkVerifiesAnEd25519SignatureFromTheRawPublicKey() throws Exception {
        DeviceIdentity identity = DeviceIdentity.generate();
        byte[] message = "signed by BouncyCastle".getBytes(StandardCharsets.UTF_8);
        byte[] signature = identity.sign(message);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey("Ed25519", ED25519_SPKI, identity.signingPublicKey()));
        verifier.update(message);

        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void anEnvelopeSignatureVerifiesWithTheJdk() throws Exception {
        DeviceIdentity sender = DeviceIdentity.generate();
        MessageContext context = new MessageContext("chat", "alice", "laptop", "cm");
        LocalDevice bob = new LocalDevice("bob", "phone", DeviceIdentity.generate());
        EnvelopeV1 envelope = Envelopes.seal(new byte[] {1, 2, 3}, context, sender,
                List.of(new RecipientDevice("bob", "phone", bob.identity().agreementPublicKey())));
        ParsedEnvelope parsed = ParsedEnvelope.of(envelope);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey("Ed25519", ED25519_SPKI, sender.signingPublicKey()));
        verifier.update(BoundBytes.signed(context, parsed.nonce(), parsed.ciphertext(), parsed.recipients()));

        assertThat(verifier.verify(parsed.signature())).isTrue();
    }

    @Test
    void jdkGeneratedRawPrivateKeysGiveTheJdksPublicKeys() throws Exception {
        KeyPair agreement = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DeviceIdentity identity = DeviceIdentity.fromPrivateKeys(raw(agreement.getPrivate().getEncoded()),
                raw(signing.getPrivate().getEncoded()));

        assertThat(identity.agreementPublicKey()).isEqualTo(raw(agreement.getPublic().getEncoded()));
        assertThat(identity.signingPublicKey()).isEqualTo(raw(signing.getPublic().getEncoded()));
    }

    @Test
    void theJdksX25519AgreesWithBouncyCastleOnTheSameRawKeys() throws Exception {
        KeyPair jdkPair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        DeviceIdentity identity = DeviceIdentity.generate();

        KeyAgreement jdk = KeyAgreement.getInstance("X25519");
        jdk.init(jdkPair.getPrivate());
        jdk.doPhase(publicKey("X25519", X25519_SPKI, identity.agreementPublicKey()), true);

        assertThat(identity.agree(raw(jdkPair.getPublic().getEncoded()))).isEqualTo(jdk.generateSecret());
    }

    private static PublicKey publicKey(String algorithm, byte[] spkiPrefix, byte[] raw) throws Exception {
        byte[] encoded = Arrays.copyOf(spkiPrefix, spkiPrefix.length + raw.length);
        System.arraycopy(raw, 0, encoded, spkiPrefix.length, raw.length);
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** The last 32 bytes of an RFC 8410 SubjectPublicKeyInfo or PKCS#8 encoding are the raw key. */
    private static byte[] raw(byte[] encoded) {
        assertThat(encoded.length).isIn(X25519_SPKI.length + 32, PKCS8_PREFIX_LENGTH + 32);
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
