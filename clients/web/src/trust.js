// Which devices of a contact this browser encrypts to (issue 12, point 3). The key directory is served
// by the platform, so a dishonest or compromised server could add a device of its own to a contact and
// read what is sealed to it. As Signal and Matrix do, the client therefore pins each contact's device
// set when it first sees it (trust on first use) and afterwards:
// - a change announced by a DeviceListChanged push, which the client reads back from
//   GET /api/users/{id}/devices itself, is pinned, and the user is told, with the changed safety number;
// - a device it has not seen announced (one a STALE_DEVICES refusal lists, or a directory read finds) is
//   never sealed to: the send is refused and the user decides, after comparing the safety number,
//   whether to trust it.
// A device is its id and both keys: the same id with another key is a different device.

/** A send refused because the server's reader list has devices the user has not confirmed. */
export class UntrustedDevicesError extends Error {
  constructor(userIds) {
    super('not sent: a contact has a device this browser has not seen announced; compare the safety number, then trust it');
    this.userIds = userIds;
  }
}

const same = (a, b) => a.deviceId === b.deviceId && a.agreementKey === b.agreementKey && a.signingKey === b.signingKey;
const device = ({ deviceId, agreementKey, signingKey }) => ({ deviceId, agreementKey, signingKey });

/** What changed from one device set to the next: ids added, removed, and kept with new keys. */
export function difference(before, after) {
  const ids = (list) => new Set(list.map((d) => d.deviceId));
  const [was, is] = [ids(before), ids(after)];
  return {
    added: after.filter((d) => !was.has(d.deviceId)).map((d) => d.deviceId),
    removed: before.filter((d) => !is.has(d.deviceId)).map((d) => d.deviceId),
    rotated: after.filter((d) => was.has(d.deviceId) && !before.some((b) => same(b, d))).map((d) => d.deviceId),
  };
}

const unchanged = (change) => change.added.length + change.removed.length + change.rotated.length === 0;

/** Pins in memory (tests); the page keeps them in IndexedDB (device.js, trustStore). */
export function memoryPins() {
  const records = new Map();
  return {
    get: async (userId) => structuredClone(records.get(userId)),
    put: async (record) => { records.set(record.userId, structuredClone(record)); },
  };
}

// A DeviceListChanged makes its user "announced" this long: the directory (a read table) may list the
// change a moment after the push, so reads within the window still count as announced (docs/e2ee.md).
const ANNOUNCED_FOR_MS = 30_000;
const ANNOUNCE_REREADS_MS = [300, 700, 1500, 3000];

export class DeviceTrust {
  #loading = new Map(); // userId -> Promise<record>: one first sight at a time
  #announcing = new Map(); // userId -> Promise: a DeviceListChanged being read back
  #announcedAt = new Map(); // userId -> when the last DeviceListChanged came
  #listeners = new Set();

  /**
   * @param pins {get(userId), put(record)}: the pinned records of the signed-in user
   * @param directory async (userId) => [{deviceId, agreementKey, signingKey}], the key directory
   */
  constructor(pins, directory, { announceWaitMs = 3000, now = Date.now, sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); }) } = {}) {
    this.pins = pins;
    this.directory = directory;
    this.announceWaitMs = announceWaitMs;
    this.now = now;
    this.sleep = sleep;
  }

  /** listener(userId, record) after every change of a pin or a notice. */
  onChange(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The devices this client seals to for that user: the pinned set, pinned on first sight. */
  async devicesOf(userId) {
    return (await this.#record(userId)).devices;
  }

  /**
   * The notice to show for that user, or null: {kind: 'changed' (announced and pinned) | 'unconfirmed'
   * (seen, not announced, not sealed to), added, removed, rotated}.
   */
  async noticeOf(userId) {
    return (await this.pins.get(userId))?.notice ?? null;
  }

  /**
   * DeviceListChanged for that user: read the directory back and pin what it lists. A change is kept as
   * a notice until the user acknowledges it. The directory may not show the change yet: it is read
   * again a few times (and any read within the announcement's window counts, see confirm).
   */
  announced(userId) {
    this.#announcedAt.set(userId, this.now());
    return this.#readBack(userId, ANNOUNCE_REREADS_MS);
  }

  #readBack(userId, rereads = []) {
    const reading = (async () => {
      await this.#loading.get(userId)?.catch(() => {});
      for (let i = 0; ; i++) {
        const listed = (await this.directory(userId)).map(device);
        const record = await this.pins.get(userId);
        if (!anchored(record)) return this.#save({ userId, devices: listed, notice: null, unconfirmed: null });
        const change = difference(record.devices, listed);
        if (!unchanged(change)) return this.#save({ ...record, devices: listed, unconfirmed: null, notice: { kind: 'changed', ...change } });
        if (i >= rereads.length) {
          if (!record.unconfirmed) return record;
          return this.#save({ ...record, unconfirmed: null, notice: null }); // what was unconfirmed is gone
        }
        await this.sleep(rereads[i]);
      }
    })();
    this.#announcing.set(userId, reading);
    reading.finally(() => { if (this.#announcing.get(userId) === reading) this.#announcing.delete(userId); }).catch(() => {});
    return reading;
  }

  /**
   * Whether these devices (a STALE_DEVICES list, or the directory) are all pinned for that user. A
   * device not pinned may be announced a moment later (the push and the refusal race): wait for that
   * a short while, then record the devices as unconfirmed, with a notice, and answer false.
   */
  async confirm(userId, listed, { wait = true } = {}) {
    const first = await this.#record(userId);
    if (this.#covered(first, listed)) return this.#shrink(first, listed);
    await this.#settled(userId, wait ? this.announceWaitMs : 0);
    let record = await this.#record(userId);
    if (!this.#covered(record, listed) && this.#recentlyAnnounced(userId)) record = await this.#readBack(userId);
    if (this.#covered(record, listed)) return this.#shrink(record, listed);
    const proposed = listed.map(device);
    await this.#save({ ...record, unconfirmed: proposed, notice: { kind: 'unconfirmed', ...difference(record.devices, proposed) } });
    return false;
  }

  /** The directory read again (opening a chat): a difference not announced becomes a notice, never a pin. */
  async review(userId) {
    const record = await this.#record(userId);
    if (record.unconfirmed) return record;
    await this.confirm(userId, await this.directory(userId), { wait: false });
    return this.pins.get(userId);
  }

  /** The user compared the safety number and trusts the unconfirmed devices: they are pinned. */
  async accept(userId) {
    const record = await this.pins.get(userId);
    if (!record?.unconfirmed) return;
    await this.#save({ ...record, devices: record.unconfirmed, unconfirmed: null, notice: null });
  }

  /** The user has read the notice of an announced change. */
  async acknowledge(userId) {
    const record = await this.pins.get(userId);
    if (record?.notice?.kind === 'changed') await this.#save({ ...record, notice: null });
  }

  /** The signing key to verify that device's messages with: a pinned device's, else null. */
  async signingKeyOf(userId, deviceId) {
    const find = (record) => record.devices.find((d) => d.deviceId === deviceId)?.signingKey ?? null;
    const key = find(await this.#record(userId));
    if (key) return key;
    await this.#settled(userId, 0);
    return find(await this.#record(userId));
  }

  /** The devices the safety number would be computed from if the user accepted (or the pinned ones). */
  async proposedDevicesOf(userId) {
    const record = await this.#record(userId);
    return record.unconfirmed ?? record.devices;
  }

  /**
   * Fewer devices than pinned (one was revoked while no push reached this page): sealing to fewer
   * devices exposes nothing, so the pin follows at once, with a notice, as the safety number changes.
   */
  async #shrink(record, listed) {
    const change = difference(record.devices, listed.map(device));
    if (change.removed.length > 0) {
      const devices = record.devices.filter((d) => !change.removed.includes(d.deviceId));
      await this.#save({ ...record, devices, notice: { kind: 'changed', ...change } });
    }
    return true;
  }

  #recentlyAnnounced(userId) {
    return this.now() - (this.#announcedAt.get(userId) ?? -Infinity) < ANNOUNCED_FOR_MS;
  }

  #covered(record, listed) {
    return listed.every((d) => record.devices.some((pinned) => same(pinned, d)));
  }

  /** An announcement in flight, or one arriving within waitMs; then the caller looks again. */
  async #settled(userId, waitMs) {
    if (this.#announcing.has(userId) || waitMs === 0) {
      await this.#announcing.get(userId)?.catch(() => {});
      return;
    }
    await new Promise((resolve) => {
      const timer = setTimeout(done, waitMs);
      const stop = this.onChange((changed) => { if (changed === userId) done(); });
      function done() {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
    await this.#announcing.get(userId)?.catch(() => {});
  }

  async #record(userId) {
    const pinned = await this.pins.get(userId);
    if (anchored(pinned)) return pinned;
    if (!this.#loading.has(userId)) {
      // first sight of a device of that user: trust on first use
      const loading = this.directory(userId).then(async (listed) => {
        const now = await this.pins.get(userId);
        return anchored(now) ? now : this.#save({ userId, devices: listed.map(device), notice: null, unconfirmed: null });
      });
      this.#loading.set(userId, loading);
      loading.finally(() => this.#loading.delete(userId)).catch(() => {});
    }
    return this.#loading.get(userId);
  }

  async #save(record) {
    await this.pins.put(record);
    for (const listener of this.#listeners) listener(record.userId, record);
    return record;
  }
}

/**
 * A pin is a trust anchor once it holds a device: a user seen with none yet (a new account whose
 * first device the directory does not list yet) gets trust on first use when one appears.
 */
function anchored(record) {
  return Boolean(record) && record.devices.length > 0;
}
