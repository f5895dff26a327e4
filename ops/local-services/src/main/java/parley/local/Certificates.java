package parley.local;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * X.509 certificates for TLS where no public certificate authority is involved: the self-signed
 * certificate of {@code ./parley up --tls}, and a throwaway certificate authority issuing server
 * certificates for tests. BouncyCastle builds the certificates; keys and signatures come from the
 * JDK's own providers (BouncyCastle is not registered as a security provider).
 */
public final class Certificates {

    private static final String SIGNATURE = "SHA256withECDSA";
    /** Certificates start a little in the past so that a peer whose clock lags still accepts them. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** A server certificate signed by its own key, for {@code hostNames} (DNS names or IP literals). */
    public static Credential selfSigned(String commonName, List<String> hostNames, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = name(commonName);
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), validity);
        serverExtensions(builder, keys.getPublic(), keys.getPublic(), hostNames);
        return new Credential(keys.getPrivate(), List.of(sign(builder, keys.getPrivate())));
    }

    /** A root certificate authority that can issue server certificates with {@link #issue}. */
    public static Credential certificateAuthority(String commonName, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = name(commonName);
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), validity);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a CA certificate", e);
        }
        return new Credential(keys.getPrivate(), List.of(sign(builder, keys.getPrivate())));
    }

    /** A server certificate for {@code hostNames} signed by {@code authority}; its chain ends with the authority's. */
    public static Credential issue(Credential authority, String commonName, List<String> hostNames, Duration validity) {
        KeyPair keys = newKeyPair();
        X509Certificate issuer = authority.certificate();
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                name(commonName), keys.getPublic(), validity);
        serverExtensions(builder, keys.getPublic(), issuer.getPublicKey(), hostNames);
        X509Certificate certificate = sign(builder, authority.privateKey());
        return new Credential(keys.getPrivate(), List.of(certificate, issuer));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys", e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey subjectKey, Duration validity) {
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, RANDOM).setBit(126); // random and positive, as RFC 5280 asks
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)),
                subject, subjectKey);
    }

    private static void serverExtensions(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey,
            List<String> hostNames) {
        GeneralName[] names = hostNames.stream()
                .map(host -> new GeneralName(IPAddress.isValid(host) ? GeneralName.iPAddress : GeneralName.dNSName, host))
                .toArray(GeneralName[]::new);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerKey));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signingKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    /** A private key with its certificate chain, the key's own certificate first. */
    public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

        public Credential {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** A PKCS12 key store holding the key and its chain under {@code alias}, as a TLS server loads it. */
        public KeyStore keyStore(String alias, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(alias, privateKey, password, chain.toArray(X509Certificate[]::new));
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A client's TLS context that trusts {@code certificate} (a CA, or a self-signed server) and nothing else. */
    public static SSLContext trusting(X509Certificate certificate) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("trusted", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code certificate} in PEM, for clients to trust ({@code curl --cacert}). */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 fingerprint of {@code certificate} as browsers and {@code keytool} show it, {@code AB:12:...}. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
