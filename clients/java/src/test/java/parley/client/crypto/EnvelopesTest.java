package parley.client.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import parley.client.crypto.EnvelopeRejectedException.Reason;

class EnvelopesTest {

    private static final String ALICE = "aaaaaaaa-0000-4000-8000-000000000001";
    private static final String BOB = "bbbbbbbb-0000-4000-8000-000000000002";
    private static final String CAROL = "cccccccc-0000-4000-8000-000000000003";
    private static final byte[] TEXT = "meet at the usual place".getBytes(StandardCharsets.UTF_8);

    private static final LocalDevice ALICE_LAPTOP = device(ALICE, "laptop");
    private static final LocalDevice ALICE_PHONE = device(ALICE, "phone");
    private static final LocalDevice BOB_PHONE = device(BOB, "phone");
    private static final LocalDevice CAROL_PHONE = device(CAROL, "phone");
    private static final LocalDevice CAROL_TABLET = device(CAROL, "tablet");
    private static final MessageContext CONTEXT = new MessageContext("chat-1", ALICE, "laptop", "cm-1");

    @Test
    void oneRecipientOpensWhatWasSealedForIt() throws Exception {
        EnvelopeV1 envelope = seal(List.of(BOB_PHONE));

        assertThat(open(envelope, CONTEXT, BOB_PHONE)).isEqualTo(TEXT);
    }

    @Test
    void everyDeviceOfAGroupOpensItIncludingBothDevicesOfOneUserAndTheSendersOtherDevice() throws Exception {
        List<LocalDevice> devices = List.of(BOB_PHONE, CAROL_PHONE, CAROL_TABLET, ALICE_PHONE);
        EnvelopeV1 envelope = seal(devices);

        assertThat(envelope.recipients()).hasSize(4);
        for (LocalDevice device : devices) {
            assertThat(open(envelope, CONTEXT, device)).as(device.key().toString()).isEqualTo(TEXT);
        }
    }

    @Test
    void aDeviceWithoutAnEntryIsNotARecipient() {
        EnvelopeV1 envelope = seal(List.of(BOB_PHONE, CAROL_PHONE));

        assertRejected(() -> open(envelope, CONTEXT, CAROL_TABLET), Reason.NOT_A_RECIPIENT);
    }

    @Test
    void anotherUsersDeviceWithTheSameDeviceIdIsNotARecipient() {
        EnvelopeV1 envelope = seal(List.of(BOB_PHONE));
        LocalDevice impostor = new LocalDevice(BOB, "phone", CAROL_PHONE.identity());

        assertRejected(() -> open(envelope, CONTEXT, CAROL_PHONE), Reason.NOT_A_RECIPIENT);
        assertRejected(() -> open(envelope, CONTEXT, impostor), Reason.UNDECRYPTABLE);
    }

    @Test
    void recipientsAreSignedInTheirSortedOrderSoTheJsonOrderDoesNotMatter() throws Exception {
        EnvelopeV1 envelope = seal(List.of(CAROL_TABLET, BOB_PHONE, CAROL_PHONE));
        List<EnvelopeV1.Recipient> reversed = new ArrayList<>(envelope.recipients());
        java.util.Collections.reverse(reversed);

        assertThat(envelope.recipients()).extracting(EnvelopeV1.Recipient::userId, EnvelopeV1.Recipient::deviceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BOB, "phone"),
                        org.assertj.core.groups.Tuple.tuple(CAROL, "phone"),
                        org.assertj.core.groups.Tuple.tuple(CAROL, "tablet"));
        assertThat(open(withRecipients(envelope, reversed), CONTEXT, CAROL_TABLET)).isEqualTo(TEXT);
    }

    @Test
    void everyMessageHasItsOwnContentKeyNonceAndEphemeralKeys() {
        EnvelopeV1 first = seal(List.of(BOB_PHONE));
        EnvelopeV1 second = seal(List.of(BOB_PHONE));

        assertThat(second.nonce()).isNotEqualTo(first.nonce());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
        assertThat(second.recipients().get(0).ephemeralKey()).isNotEqualTo(first.recipients().get(0).ephemeralKey());
    }

    static Stream<Arguments> tamperedEnvelopes() {
        return Stream.of(
                Arguments.of("a bit of the ciphertext", tamper(e -> withCiphertext(e, flipBit(e.ciphertext())))),
                Arguments.of("a bit of the nonce", tamper(e -> withNonce(e, flipBit(e.nonce())))),
                Arguments.of("a bit of a wrapped key", tamper(e -> withEntry(e, 0,
                        entry -> new EnvelopeV1.Recipient(entry.userId(), entry.deviceId(), entry.ephemeralKey(),
                                flipBit(entry.wrappedKey()))))),
                Arguments.of("a bit of an ephemeral key", tamper(e -> withEntry(e, 0,
                        entry -> new EnvelopeV1.Recipient(entry.userId(), entry.deviceId(),
                                flipBit(entry.ephemeralKey()), entry.wrappedKey())))),
                Arguments.of("a bit of the signature", tamper(e -> new EnvelopeV1(e.v(), e.alg(), e.senderDeviceId(),
                        e.nonce(), e.ciphertext(), e.recipients(), flipBit(e.signature())))),
                Arguments.of("an entry removed after signing", tamper(e -> withRecipients(e, e.recipients().subList(1, 2)))),
                Arguments.of("an entry added after signing", tamper(EnvelopesTest::withEavesdropperAdded)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedEnvelopes")
    void aTamperedEnvelopeFailsTheSignatureBeforeAnythingIsDecrypted(String change, UnaryOperator<EnvelopeV1> tamper) {
        EnvelopeV1 tampered = tamper.apply(seal(List.of(BOB_PHONE, CAROL_PHONE)));

        assertRejected(() -> open(tampered, CONTEXT, BOB_PHONE), Reason.BAD_SIGNATURE);
    }

    static Stream<Arguments> otherContexts() {
        return Stream.of(
                Arguments.of("another chat", new MessageContext("chat-2", ALICE, "laptop", "cm-1")),
                Arguments.of("another client message id", new MessageContext("chat-1", ALICE, "laptop", "cm-2")),
                Arguments.of("another sender user", new MessageContext("chat-1", BOB, "laptop", "cm-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherContexts")
    void anEnvelopeReplayedIntoAnotherContextFailsTheSignature(String change, MessageContext replayedInto) {
        EnvelopeV1 envelope = seal(List.of(BOB_PHONE));

        assertRejected(() -> open(envelope, replayedInto, BOB_PHONE), Reason.BAD_SIGNATURE);
    }

    @Test
    void anEnvelopeFromAnotherDeviceThanTheContextNamesIsRejected() {
        EnvelopeV1 envelope = seal(List.of(BOB_PHONE));
        MessageContext otherDevice = new MessageContext("chat-1", ALICE, "phone", "cm-1");

        assertRejected(() -> open(envelope, otherDevice, BOB_PHONE), Reason.SENDER_MISMATCH);
    }

    @Test
    void anEnvelopeSignedByAnotherKeyThanTheSendersIsRejected() {
        EnvelopeV1 forged = Envelopes.seal(TEXT, CONTEXT, CAROL_PHONE.identity(), List.of(recipient(BOB_PHONE)));

        assertRejected(() -> open(forged, CONTEXT, BOB_PHONE), Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignedEnvelopeWhoseCiphertextDoesNotMatchTheContentKeyIsUndecryptable() {
        // the sender itself signed garbage: the signature holds, decryption must still fail loudly
        EnvelopeV1 envelope = seal(List.of(BOB_PHONE));
        EnvelopeV1 otherMessage = seal(List.of(BOB_PHONE));
        ParsedEnvelope mixed = new ParsedEnvelope(bytes(otherMessage.nonce()), bytes(otherMessage.ciphertext()),
                List.of(entry(envelope.recipients().get(0))), new byte[0]);
        byte[] signature = ALICE_LAPTOP.identity().sign(BoundBytes.signed(CONTEXT, mixed.nonce(), mixed.ciphertext(),
                mixed.recipients()));
        EnvelopeV1 resigned = new EnvelopeV1(1, EnvelopeV1.ALG, "laptop", otherMessage.nonce(),
                otherMessage.ciphertext(), envelope.recipients(), Base64Url.encode(signature));

        assertRejected(() -> open(resigned, CONTEXT, BOB_PHONE), Reason.UNDECRYPTABLE);
    }

    static Stream<Arguments> malformedEnvelopes() {
        return Stream.of(
                Arguments.of("version 2", Reason.UNSUPPORTED, tamper(e -> new EnvelopeV1(2, e.alg(), e.senderDeviceId(),
                        e.nonce(), e.ciphertext(), e.recipients(), e.signature()))),
                Arguments.of("another alg", Reason.UNSUPPORTED, tamper(e -> new EnvelopeV1(1, "X448-HKDF-SHA512",
                        e.senderDeviceId(), e.nonce(), e.ciphertext(), e.recipients(), e.signature()))),
                Arguments.of("a padded nonce", Reason.MALFORMED, tamper(e -> withNonce(e, e.nonce() + "=="))),
                Arguments.of("standard base64", Reason.MALFORMED, tamper(e -> withNonce(e,
                        e.nonce().replace('-', '+').replace('_', '/') + "+"))),
                Arguments.of("a short nonce", Reason.MALFORMED, tamper(e -> withNonce(e, "AAAA"))),
                Arguments.of("a ciphertext shorter than a tag", Reason.MALFORMED, tamper(e -> withCiphertext(e, "AAAA"))),
                Arguments.of("no signature", Reason.MALFORMED, tamper(e -> new EnvelopeV1(1, e.alg(), e.senderDeviceId(),
                        e.nonce(), e.ciphertext(), e.recipients(), null))),
                Arguments.of("no recipients", Reason.MALFORMED, tamper(e -> withRecipients(e, List.of()))),
                Arguments.of("a recipient twice", Reason.MALFORMED, tamper(e -> withRecipients(e,
                        List.of(e.recipients().get(0), e.recipients().get(0))))),
                Arguments.of("a 31-byte ephemeral key", Reason.MALFORMED, tamper(e -> withEntry(e, 0,
                        entry -> new EnvelopeV1.Recipient(entry.userId(), entry.deviceId(),
                                Base64Url.encode(new byte[31]), entry.wrappedKey())))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEnvelopes")
    void aMalformedEnvelopeIsRejectedForItsStructure(String change, Reason reason, UnaryOperator<EnvelopeV1> tamper) {
        EnvelopeV1 malformed = tamper.apply(seal(List.of(BOB_PHONE)));

        assertRejected(() -> open(malformed, CONTEXT, BOB_PHONE), reason);
    }

    @Test
    void sealingRefusesNoRecipientsAndARecipientTwice() {
        assertThatThrownBy(() -> seal(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seal(List.of(BOB_PHONE, BOB_PHONE))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealingRefusesASmallOrderAgreementKey() {
        // the all-zero u-coordinate has order 4: ECDH with it yields zero and would make the wrap key public
        RecipientDevice weak = new RecipientDevice(BOB, "phone", new byte[32]);

        assertThatThrownBy(() -> Envelopes.seal(TEXT, CONTEXT, ALICE_LAPTOP.identity(), List.of(weak)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalDevice device(String userId, String deviceId) {
        return new LocalDevice(userId, deviceId, DeviceIdentity.generate());
    }

    private static RecipientDevice recipient(LocalDevice device) {
        return new RecipientDevice(device.userId(), device.deviceId(), device.identity().agreementPublicKey());
    }

    private static EnvelopeV1 seal(List<LocalDevice> recipients) {
        return Envelopes.seal(TEXT, CONTEXT, ALICE_LAPTOP.identity(),
                recipients.stream().map(EnvelopesTest::recipient).toList());
    }

    private static byte[] open(EnvelopeV1 envelope, MessageContext context, LocalDevice me)
            throws EnvelopeRejectedException {
        return Envelopes.open(envelope, context, me, ALICE_LAPTOP.identity().signingPublicKey());
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable open, Reason reason) {
        assertThatThrownBy(open).isInstanceOfSatisfying(EnvelopeRejectedException.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    private static UnaryOperator<EnvelopeV1> tamper(UnaryOperator<EnvelopeV1> change) {
        return change;
    }

    private static String flipBit(String base64Url) {
        byte[] bytes = bytes(base64Url);
        bytes[bytes.length / 2] ^= 0x01;
        return Base64Url.encode(bytes);
    }

    private static byte[] bytes(String base64Url) {
        return Base64Url.decode(base64Url);
    }

    private static SealedRecipient entry(EnvelopeV1.Recipient recipient) {
        return new SealedRecipient(new RecipientKey(recipient.userId(), recipient.deviceId()),
                bytes(recipient.ephemeralKey()), bytes(recipient.wrappedKey()));
    }

    private static EnvelopeV1 withNonce(EnvelopeV1 e, String nonce) {
        return new EnvelopeV1(e.v(), e.alg(), e.senderDeviceId(), nonce, e.ciphertext(), e.recipients(), e.signature());
    }

    private static EnvelopeV1 withCiphertext(EnvelopeV1 e, String ciphertext) {
        return new EnvelopeV1(e.v(), e.alg(), e.senderDeviceId(), e.nonce(), ciphertext, e.recipients(), e.signature());
    }

    private static EnvelopeV1 withRecipients(EnvelopeV1 e, List<EnvelopeV1.Recipient> recipients) {
        return new EnvelopeV1(e.v(), e.alg(), e.senderDeviceId(), e.nonce(), e.ciphertext(), recipients, e.signature());
    }

    private static EnvelopeV1 withEntry(EnvelopeV1 e, int index, UnaryOperator<EnvelopeV1.Recipient> change) {
        List<EnvelopeV1.Recipient> recipients = new ArrayList<>(e.recipients());
        recipients.set(index, change.apply(recipients.get(index)));
        return withRecipients(e, recipients);
    }

    /** Someone who saw the content key (here: a second envelope to Carol's tablet) cannot add a reader. */
    private static EnvelopeV1 withEavesdropperAdded(EnvelopeV1 e) {
        EnvelopeV1 toTablet = seal(List.of(CAROL_TABLET));
        List<EnvelopeV1.Recipient> recipients = new ArrayList<>(e.recipients());
        recipients.add(toTablet.recipients().get(0));
        return withRecipients(e, recipients);
    }
}
