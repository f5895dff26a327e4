// Sending and reading end-to-end encrypted messages: who the readers are (group members, and each
// member's devices as pinned by DeviceTrust), sealing to all their devices, re-sealing once when the
// server says the list is stale (only to devices the user has seen announced or confirmed), and
// opening what arrives (signature first, with the sender device's pinned key).

import { EnvelopeRejectedError, openText, seal } from './crypto/envelope.js';
import { safetyNumber } from './crypto/safety-number.js';
import { DeviceTrust, memoryPins, UntrustedDevicesError } from './trust.js';

export class Messaging {
  #members = new Map(); // groupId -> [userId]

  /** trust: the pinned device sets (in memory when not given: tests, and nothing survives a reload). */
  constructor(api, session, device, sentTexts, trust = undefined) {
    this.api = api;
    this.session = session;
    this.device = device;
    this.sentTexts = sentTexts;
    this.trust = trust ?? new DeviceTrust(memoryPins(), async (userId) => (await api.get(`/api/users/${userId}/devices`)).devices);
  }

  /** DeviceListChanged: read that user's devices back from the directory and pin them (with a notice). */
  deviceListChanged(userId) {
    return this.trust.announced(userId);
  }

  /** The devices sealed to for that user: pinned on first sight, changed only as DeviceTrust allows. */
  devicesOf(userId) {
    return this.trust.devicesOf(userId);
  }

  /**
   * The safety number of this user and another (docs/protocol.md), from the pinned keys: the keys this
   * client encrypts to. proposed: with the devices waiting for the user's decision instead.
   */
  async safetyNumberWith(userId, { proposed = false } = {}) {
    const keysOf = async (id) => (await (proposed ? this.trust.proposedDevicesOf(id) : this.devicesOf(id))).map((d) => d.signingKey);
    return safetyNumber([
      { userId: this.api.userId, signingKeys: await keysOf(this.api.userId) },
      { userId, signingKeys: await keysOf(userId) },
    ]);
  }

  /** Members known here: a group just created (before the read tables have it); dropped on any change. */
  rememberMembers(groupId, userIds) {
    this.#members.set(groupId, [...new Set(userIds)]);
  }

  /** MemberAdded / MemberRemoved: read the group's members again before the next seal. */
  forgetMembers(groupId) {
    this.#members.delete(groupId);
  }

  async membersOf(chat) {
    if (chat.type === 'PRIVATE') return [this.api.userId, chat.peerId];
    if (this.#members.has(chat.chatId)) return this.#members.get(chat.chatId);
    const members = [];
    let cursor = '';
    do {
      const page = await this.#groupPage(chat.chatId, cursor);
      members.push(...page.members.map((m) => m.userId));
      cursor = page.nextCursor;
    } while (cursor);
    return members;
  }

  /** A group created a moment ago reaches the read tables a moment later: a 404 is retried a few times. */
  async #groupPage(groupId, cursor, attempt = 1) {
    try {
      return await this.api.get(`/api/groups/${groupId}?limit=500${cursor ? `&afterUserId=${cursor}` : ''}`);
    } catch (e) {
      if (e.status !== 404 || attempt >= 6) throw e;
      await new Promise((resolve) => { setTimeout(resolve, 250 * attempt); });
      return this.#groupPage(groupId, cursor, attempt + 1);
    }
  }

  /**
   * The chat's reader devices as the server checks them (docs/e2ee.md, "What the server checks"):
   * every device of every member, the own other devices included, this sending device excluded
   * (its own messages are shown from the local record).
   */
  async readersOf(chat) {
    const members = await this.membersOf(chat);
    const devices = await Promise.all(members.map((userId) => this.devicesOf(userId)));
    return members.flatMap((userId, i) => devices[i]
      .filter((d) => !(userId === this.api.userId && d.deviceId === this.device.deviceId))
      .map((d) => ({ userId, deviceId: d.deviceId, agreementKey: d.agreementKey })));
  }

  /**
   * Seals and sends a text; resolves with MessageAccepted. A STALE_DEVICES refusal carries the chat's
   * complete current reader list: re-seal to exactly that and retry once with the same clientMessageId.
   * @param chat {type:'PRIVATE', peerId, chatId?} or {type:'GROUP', chatId}
   */
  async send(chat, text) {
    const clientMessageId = crypto.randomUUID();
    const chatId = chat.chatId ?? (await this.#privateChatId(chat.peerId));
    const context = { chatId, senderUserId: this.api.userId, senderDeviceId: this.device.deviceId, clientMessageId };
    await this.sentTexts.put(this.api.userId, clientMessageId, text);
    const destination = chat.type === 'GROUP' ? '/app/group.send' : '/app/private.send';
    const target = chat.type === 'GROUP' ? { groupId: chatId } : { peerId: chat.peerId };
    const attempt = async (readers) => {
      if (readers.length === 0) throw new Error('nobody can read this yet: no other member has a device with published keys');
      return this.session.send(destination, { ...target, clientMessageId, envelope: await seal(text, context, this.device, readers) });
    };
    try {
      return await attempt(await this.readersOf(chat));
    } catch (e) {
      if (e.reply?.code !== 'STALE_DEVICES') throw e;
      if (chat.type === 'GROUP') this.forgetMembers(chatId);
      const listed = e.reply.devices;
      await this.#confirmAll(listed);
      return attempt(listed.map(({ userId, deviceId, agreementKey }) => ({ userId, deviceId, agreementKey })));
    }
  }

  /**
   * Seal to the server's list only if every device on it is pinned: a device the user has not seen
   * announced is refused, whatever the server says (issue 12, point 3).
   */
  async #confirmAll(listed) {
    const byUser = new Map();
    for (const d of listed) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
    // the server leaves this sending device out of the list; it is still one of the user's devices
    const own = byUser.get(this.api.userId) ?? [];
    const self = (await this.devicesOf(this.api.userId)).find((d) => d.deviceId === this.device.deviceId);
    if (self) byUser.set(this.api.userId, [...own, self]);
    const refused = [];
    await Promise.all([...byUser].map(async ([userId, devices]) => {
      if (!(await this.trust.confirm(userId, devices))) refused.push(userId);
    }));
    if (refused.length > 0) throw new UntrustedDevicesError(refused.sort());
  }

  /**
   * The text of a history message or MessageReceived event, or {error} when it must not be shown.
   * My own messages come from the local record when this device has no entry in the envelope.
   */
  async read(message) {
    if (message.redacted || !message.envelope) return { deleted: true };
    const edited = Boolean(message.editedAt);
    if (message.senderId === this.api.userId && !edited) {
      const sent = await this.sentTexts.get(this.api.userId, message.clientMessageId);
      if (sent !== undefined) return { text: sent };
    }
    if (message.envelope.v !== 1 || !message.clientMessageId) return { error: 'not an encrypted message' };
    const context = {
      chatId: message.chatId,
      senderUserId: message.senderId,
      senderDeviceId: message.envelope.senderDeviceId,
      // an edit is sealed under edit/<seq> by its sender (only the sender edits): docs/e2ee.md, "Edits"
      clientMessageId: edited ? `edit/${message.seq}` : message.clientMessageId,
    };
    try {
      const signingKey = await this.#signingKeyOf(message.senderId, message.envelope.senderDeviceId);
      return { text: await openText(message.envelope, context, { userId: this.api.userId, ...this.device }, signingKey) };
    } catch (e) {
      if (e instanceof EnvelopeRejectedError) return { error: e.reason };
      throw e;
    }
  }

  /** The pinned key of the sending device; a device never pinned is looked up so the user can decide. */
  async #signingKeyOf(userId, deviceId) {
    const key = await this.trust.signingKeyOf(userId, deviceId);
    if (key) return key;
    const listed = (await this.api.get(`/api/users/${userId}/devices`)).devices;
    if (listed.some((d) => d.deviceId === deviceId)) {
      await this.trust.confirm(userId, listed, { wait: false }); // not announced: becomes a notice, so the user can decide
      const confirmed = await this.trust.signingKeyOf(userId, deviceId);
      if (confirmed) return confirmed;
      throw new EnvelopeRejectedError('UNKNOWN_SENDER_DEVICE', `device ${deviceId} is not confirmed yet`);
    }
    throw new EnvelopeRejectedError('BAD_SIGNATURE', `unknown device ${deviceId}`);
  }

  /** The server computes the pair's chat id (a name-based UUID WebCrypto cannot make). */
  async #privateChatId(peerId) {
    return (await this.api.get(`/api/users/${peerId}/private-chat`)).chatId;
  }
}
