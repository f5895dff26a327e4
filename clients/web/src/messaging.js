// Sending and reading end-to-end encrypted messages: who the readers are (key directory, group
// members), sealing to all their devices, re-sealing once when the server says the list is stale,
// and opening what arrives (signature first; the sender's key from the directory).

import { EnvelopeRejectedError, openText, seal } from './crypto/envelope.js';

export class Messaging {
  #devices = new Map(); // userId -> Promise<[{deviceId, agreementKey, signingKey}]>
  #members = new Map(); // groupId -> [userId]

  constructor(api, session, device, sentTexts) {
    this.api = api;
    this.session = session;
    this.device = device;
    this.sentTexts = sentTexts;
  }

  /** DeviceListChanged: read that user's devices again before the next seal or verification. */
  forgetDevices(userId) {
    this.#devices.delete(userId);
  }

  devicesOf(userId) {
    if (!this.#devices.has(userId)) {
      const loading = this.api.get(`/api/users/${userId}/devices`).then((answer) => answer.devices);
      loading.catch(() => this.#devices.delete(userId));
      this.#devices.set(userId, loading);
    }
    return this.#devices.get(userId);
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
      for (const userId of new Set(e.reply.devices.map((d) => d.userId))) this.forgetDevices(userId);
      if (chat.type === 'GROUP') this.forgetMembers(chatId);
      return attempt(e.reply.devices.map(({ userId, deviceId, agreementKey }) => ({ userId, deviceId, agreementKey })));
    }
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

  async #signingKeyOf(userId, deviceId) {
    let device = (await this.devicesOf(userId)).find((d) => d.deviceId === deviceId);
    if (!device) {
      this.forgetDevices(userId); // a device registered since we last looked
      device = (await this.devicesOf(userId)).find((d) => d.deviceId === deviceId);
    }
    if (!device) throw new EnvelopeRejectedError('BAD_SIGNATURE', `unknown device ${deviceId}`);
    return device.signingKey;
  }

  /** The server computes the pair's chat id (a name-based UUID WebCrypto cannot make). */
  async #privateChatId(peerId) {
    return (await this.api.get(`/api/users/${peerId}/private-chat`)).chatId;
  }
}
