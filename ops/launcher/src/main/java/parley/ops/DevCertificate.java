package parley.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import parley.local.Certificates;

/**
 * The self-signed certificate {@code ./parley up --tls} serves, for localhost, 127.0.0.1 and ::1.
 * It is made once and kept in {@code data/tls} (a PKCS12 key store, its random password beside it,
 * both readable by the owner only, and the certificate as PEM for clients to trust), so that a
 * browser exception or a client's trust survives restarts. A certificate about to expire is
 * replaced; a deleted PEM is written again.
 *
 * @param keyStore the PKCS12 file
 * @param password the key store's (and key's) password
 * @param certificate what the server presents
 */
record DevCertificate(Path keyStore, String password, X509Certificate certificate) {

    static final String ALIAS = "parley";
    static final List<String> HOSTS = List.of("localhost", "127.0.0.1", "::1");
    /** The longest validity browsers accept for a server certificate, even a locally trusted one. */
    private static final Duration VALIDITY = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    static DevCertificate loadOrCreate(Path directory) {
        Path keyStore = directory.resolve("parley.p12");
        Path password = directory.resolve("parley.p12.password");
        try {
            DevCertificate certificate = Files.exists(keyStore) && Files.exists(password)
                    ? load(keyStore, Files.readString(password, StandardCharsets.UTF_8).strip())
                    : null;
            if (certificate == null || !certificate.validFor(RENEW_BEFORE)) {
                certificate = create(directory, keyStore, password);
            }
            Files.writeString(certificate.pem(), Certificates.pem(certificate.certificate), StandardCharsets.US_ASCII);
            return certificate;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the TLS certificate in " + directory, e);
        }
    }

    /** The PEM copy of the certificate, for {@code curl --cacert} and the like. */
    Path pem() {
        return keyStore.resolveSibling("parley.crt");
    }

    String fingerprint() {
        return Certificates.fingerprint(certificate);
    }

    /** Spring Boot's standard SSL properties pointing the server at this certificate. */
    List<String> serverSslArguments() {
        return List.of("--server.ssl.key-store=" + keyStore.toUri(), "--server.ssl.key-store-type=PKCS12",
                "--server.ssl.key-store-password=" + password, "--server.ssl.key-alias=" + ALIAS);
    }

    /** Without the password, which belongs in its owner-only file and nowhere else. */
    @Override
    public String toString() {
        return "DevCertificate[" + keyStore + ", SHA-256 " + fingerprint() + "]";
    }

    private boolean validFor(Duration margin) {
        return certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(margin));
    }

    private static DevCertificate load(Path keyStore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return new DevCertificate(keyStore, password, (X509Certificate) store.getCertificate(ALIAS));
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot read " + keyStore + " (delete " + keyStore.getParent() + " to make a new certificate)", e);
        }
    }

    private static DevCertificate create(Path directory, Path keyStore, Path passwordFile) throws IOException {
        Certificates.Credential credential = Certificates.selfSigned("Parley local development", HOSTS, VALIDITY);
        String password = randomPassword();
        ownerOnlyDirectory(directory);
        try (OutputStream out = ownerOnlyFile(keyStore)) {
            credential.keyStore(ALIAS, password.toCharArray()).store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + keyStore, e);
        }
        try (OutputStream out = ownerOnlyFile(passwordFile)) {
            out.write(password.getBytes(StandardCharsets.UTF_8));
        }
        return new DevCertificate(keyStore, password, credential.certificate());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnlyDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (posix()) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** A new file that is never readable by others, not even for the moment between creating and restricting it. */
    private static OutputStream ownerOnlyFile(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        return Files.newOutputStream(file);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
