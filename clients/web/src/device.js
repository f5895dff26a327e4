// This browser's device: keys generated here, private halves non-extractable CryptoKeys kept in
// IndexedDB (structured clone keeps them unreadable), public halves published to the key directory.

import { encode } from './crypto/base64url.js';
import { generateDeviceIdentity } from './crypto/keys.js';

const DB = 'parley';
const DEVICES = 'devices';
const SENT = 'sent';
const PINS = 'pins';

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion < 1) {
        request.result.createObjectStore(DEVICES, { keyPath: 'userId' });
        request.result.createObjectStore(SENT);
      }
      // version 2: the device sets this browser has pinned, per signed-in user and contact (trust.js)
      if (event.oldVersion < 2) request.result.createObjectStore(PINS);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(store, mode, action) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

function newDeviceId() {
  return `web-${encode(crypto.getRandomValues(new Uint8Array(12)))}`;
}

async function createDevice(userId) {
  const device = { userId, deviceId: newDeviceId(), ...(await generateDeviceIdentity()) };
  await transact(DEVICES, 'readwrite', (store) => store.put(device));
  return device;
}

/**
 * This browser's device for the user, published (again: a retry with the same keys is a no-op).
 * A revoked id can never come back, so then the browser starts over with a new id and new keys.
 */
export async function ensureDevice(api) {
  let device = (await transact(DEVICES, 'readonly', (store) => store.get(api.userId))) ?? (await createDevice(api.userId));
  try {
    await publish(api, device);
  } catch (e) {
    if (e.problem?.code !== 'DEVICE_REVOKED') throw e;
    device = await createDevice(api.userId);
    await publish(api, device);
  }
  return device;
}

function publish(api, device) {
  return api.put(`/api/devices/${device.deviceId}`, {
    agreementKey: encode(device.agreementPublicKey),
    signingKey: encode(device.signingPublicKey),
  });
}

/**
 * What this device sent, kept locally: the server's reader list leaves the sending device out, so an
 * envelope may have no entry this device can open.
 */
export const sentTexts = {
  put(userId, clientMessageId, text) {
    return transact(SENT, 'readwrite', (store) => store.put(text, `${userId}/${clientMessageId}`));
  },
  get(userId, clientMessageId) {
    return transact(SENT, 'readonly', (store) => store.get(`${userId}/${clientMessageId}`));
  },
};

/**
 * The device sets the signed-in user's contacts had when this browser last trusted them (trust.js):
 * kept with the device keys, so clearing the site's data starts trust over along with the device.
 */
export function trustStore(userId) {
  return {
    get(contactId) {
      return transact(PINS, 'readonly', (store) => store.get(`${userId}/${contactId}`));
    },
    put(record) {
      return transact(PINS, 'readwrite', (store) => store.put(record, `${userId}/${record.userId}`));
    },
  };
}
