package parley.bench.load;

import parley.client.crypto.LocalDevice;
import parley.client.crypto.RecipientDevice;

/**
 * A registered, logged-in user of one run.
 *
 * @param device its one device, or null when the run sends opaque payloads (no envelope to seal)
 */
record BenchUser(int index, String username, String userId, String accessToken, LocalDevice device) {

    RecipientDevice asRecipient() {
        return new RecipientDevice(userId, device.deviceId(), device.identity().agreementPublicKey());
    }
}
