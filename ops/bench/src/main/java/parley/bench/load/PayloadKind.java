package parley.bench.load;

/**
 * SEALED: a real envelope v1 sealed by the SDK for the chat's reader devices. OPAQUE: a plaintext
 * {@code {"text":"..."}} of the same size as a sealed private envelope, for groups too large for one v1 envelope
 * (the platform under test allows plaintext; see bench-platform.md).
 */
public enum PayloadKind {
    SEALED, OPAQUE
}
