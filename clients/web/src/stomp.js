// The STOMP session over /ws: CONNECT carries the in-memory access token (never a cookie), replies
// are matched to commands by clientMessageId / clientCommandId, events go to one listener.

import { Client } from '@stomp/stompjs';

const REFRESH_BEFORE_EXPIRY_MS = 60_000;

export class Session {
  #client;
  #pending = new Map();
  #refreshTimer;

  /** onSignedOut: the session was revoked or its token could not be renewed; sign in again. */
  constructor(api, onEvent, onStatus, onSignedOut) {
    this.api = api;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.#client = new Client({
      brokerURL: `${scheme}://${location.host}/ws`,
      reconnectDelay: 3000,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
      // a reconnect after the token expired must present a fresh one
      beforeConnect: async () => {
        if (api.expiresAt - Date.now() < REFRESH_BEFORE_EXPIRY_MS) await api.refresh();
        this.#client.connectHeaders = { Authorization: `Bearer ${api.accessToken}` };
      },
      onConnect: () => {
        this.#client.subscribe('/user/queue/replies', (frame) => this.#reply(JSON.parse(frame.body)));
        this.#client.subscribe('/user/queue/events', (frame) => onEvent(JSON.parse(frame.body)));
        this.#scheduleRefresh();
        onStatus('connected');
      },
      onWebSocketClose: () => onStatus('reconnecting…'),
      onStompError: (frame) => {
        onStatus(`error: ${frame.headers.message}`);
        // a revoked or expired token: renew it for the next reconnect, or give up when that fails too
        this.api.refresh().catch(() => this.stop().then(onSignedOut));
      },
    });
  }

  /** Resolves once subscribed: a pong answers only after the subscriptions sent before it are active. */
  async start() {
    const connected = new Promise((resolve) => {
      const onConnect = this.#client.onConnect;
      this.#client.onConnect = (frame) => {
        onConnect(frame);
        this.#client.onConnect = onConnect;
        resolve();
      };
    });
    this.#client.activate();
    await connected;
    await this.command('/app/session.ping', {});
  }

  stop() {
    clearTimeout(this.#refreshTimer);
    return this.#client.deactivate();
  }

  /** A send: resolves with MessageAccepted; a CommandRejected rejects with the reply attached. */
  send(destination, body) {
    return this.#request(destination, body, body.clientMessageId);
  }

  /** Any other command with a reply: a fresh clientCommandId is added. */
  command(destination, body) {
    const clientCommandId = crypto.randomUUID();
    return this.#request(destination, { ...body, clientCommandId }, clientCommandId);
  }

  /** A command without a reply unless rejected (receipts, typing). */
  tell(destination, body) {
    if (this.#client.connected) this.#client.publish({ destination, body: JSON.stringify(body) });
  }

  #request(destination, body, id) {
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#client.publish({ destination, body: JSON.stringify(body) });
    });
  }

  #reply(reply) {
    const id = reply.clientMessageId ?? reply.clientCommandId;
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (reply.type === 'CommandRejected') {
      pending.reject(Object.assign(new Error(`${reply.code}: ${reply.detail ?? ''}`), { reply }));
    } else {
      pending.resolve(reply);
    }
  }

  /** The session lives as long as its token: renew both before it expires. */
  #scheduleRefresh() {
    clearTimeout(this.#refreshTimer);
    const delay = Math.max(5_000, this.api.expiresAt - Date.now() - REFRESH_BEFORE_EXPIRY_MS);
    this.#refreshTimer = setTimeout(async () => {
      try {
        await this.api.refresh();
        await this.command('/app/session.refresh', { accessToken: this.api.accessToken });
      } finally {
        this.#scheduleRefresh();
      }
    }, delay);
  }
}
