package parley.command.e2ee;

import java.util.List;
import parley.command.device.DeviceDirectory.UserDevice;
import parley.command.rejection.CommandRejectedException;
import parley.command.rejection.RejectionCode;

/** A send sealed for the wrong set of devices; carries the current readers so the client can seal again. */
public class StaleDevicesException extends CommandRejectedException {

    private final transient List<UserDevice> currentDevices;

    StaleDevicesException(String detail, List<UserDevice> currentDevices) {
        super(RejectionCode.STALE_DEVICES, detail);
        this.currentDevices = List.copyOf(currentDevices);
    }

    /** Every device that must be a recipient, with its public keys, ordered by user and device id. */
    public List<UserDevice> currentDevices() {
        return currentDevices;
    }
}
