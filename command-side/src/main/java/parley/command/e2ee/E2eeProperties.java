package parley.command.e2ee;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowUnencrypted accept envelopes that are not envelope v1 (any JSON object without a
 *     {@code v}) as opaque data. Off by default and in production: the server then refuses anything
 *     but end-to-end encrypted messages. Tests of transport and storage switch it on to send
 *     readable markers; envelopes that claim {@code v} are checked in full either way.
 */
@ConfigurationProperties("parley.e2ee")
record E2eeProperties(boolean allowUnencrypted) {
}
