// What a pushed event may change on the page. A push on /user/queue/events says who sent it no more
// than a letter's envelope does (issue 12, point 1: anyone could once SEND a frame there), so a push
// is only a hint that a chat may have moved on. History (GET /api/chats/{id}/messages, which answers
// only a participant) is the record: only messages history returns are shown, and a chat's mark, the
// highest seq this page has from history with nothing missing below it, moves only with history.
// A forged seq can therefore neither hide a real message nor make catch-up skip one, and an event for
// a chat the user is not in changes nothing.

const PAGE = 200;
const EDIT_CONFIRM_TRIES = 5;

export class ChatFeed {
  #marks = new Map(); // chatId -> highest seq confirmed by history
  #queues = new Map(); // chatId -> the promise of the last confirmation: one at a time per chat

  /**
   * @param history async (chatId, {afterSeq, minSeq, limit}) => messages with seq > afterSeq, oldest
   *     first (the REST call; a non-participant's chat answers 404)
   * @param isMyChat async (chatId) => whether the user is in that chat (the chat list, reloaded once for a
   *     chat it does not know yet)
   * @param sleep async (ms), injectable so tests need not wait
   */
  constructor({ history, isMyChat, sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); }) }) {
    this.history = history;
    this.isMyChat = isMyChat;
    this.sleep = sleep;
  }

  /** The seq up to which history has confirmed this chat (0: nothing yet). */
  mark(chatId) {
    return this.#marks.get(chatId) ?? 0;
  }

  /** A chat's history was just read from the server (opening it): its newest seq is the mark. */
  confirmedUpTo(chatId, seq) {
    this.#marks.set(chatId, seq);
  }

  /** The chat list's last seq (read from history's tables) for a chat not open: raises the mark only. */
  knownUpTo(chatId, seq) {
    if (Number.isSafeInteger(seq) && seq > this.mark(chatId)) this.#marks.set(chatId, seq);
  }

  /** A message this device sent was accepted: the server's own reply, not a push, so it counts. */
  accepted(chatId, seq) {
    if (seq === this.mark(chatId) + 1) this.#marks.set(chatId, seq);
  }

  /**
   * A pushed MessageReceived. Resolves with the messages history confirms after the chat's mark, the
   * pushed one among them if it is real, in seq order ([] when the event was forged, stale or for a chat
   * the user is not in). The pushed body itself is never returned.
   */
  messageReceived(event) {
    const { chatId, seq } = event ?? {};
    if (typeof chatId !== 'string' || !Number.isSafeInteger(seq) || seq < 1) return Promise.resolve([]);
    return this.#serially(chatId, async () => {
      if (seq <= this.mark(chatId)) return []; // already confirmed: a repeat, or a forgery of an old seq
      if (!(await this.isMyChat(chatId))) return [];
      return this.#catchUp(chatId, seq);
    });
  }

  /**
   * A pushed MessageEdited / MessageRedacted: resolves with that message as history has it once history
   * shows the change (edited at that time, or redacted), null when it never does (a forgery, or a
   * change history has not caught up with: the page then keeps what it shows).
   */
  messageChanged(event) {
    const { chatId, seq } = event ?? {};
    if (typeof chatId !== 'string' || !Number.isSafeInteger(seq) || seq < 1 || seq > this.mark(chatId)) {
      return Promise.resolve(null);
    }
    return this.#serially(chatId, async () => {
      const redaction = event.type === 'MessageRedacted';
      for (let attempt = 1; attempt <= EDIT_CONFIRM_TRIES; attempt++) {
        const [message] = await this.#page(chatId, seq - 1, seq, 1);
        if (message?.seq !== seq) return null;
        if (redaction ? message.redacted : (message.editedAt && message.editedAt === event.editedAt)) return message;
        await this.sleep(200 * attempt);
      }
      return null;
    });
  }

  /** Everything after the mark, page by page; the mark follows what history returned, gap-free. */
  async #catchUp(chatId, pushedSeq) {
    const confirmed = [];
    for (;;) {
      const mark = this.mark(chatId);
      // minSeq: the read tables follow the push by a moment; a seq that never comes costs one bounded wait
      const page = await this.#page(chatId, mark, pushedSeq, PAGE);
      let next = mark;
      for (const message of page) {
        if (message.chatId !== chatId || message.seq !== next + 1) break; // history has a gap: stop at it
        confirmed.push(message);
        next = message.seq;
      }
      this.#marks.set(chatId, next);
      if (page.length < PAGE || next === mark) return confirmed;
    }
  }

  async #page(chatId, afterSeq, minSeq, limit) {
    try {
      return await this.history(chatId, { afterSeq, minSeq, limit });
    } catch (e) {
      if (e?.status === 404) return []; // not a participant (any more)
      throw e;
    }
  }

  #serially(chatId, work) {
    const previous = this.#queues.get(chatId) ?? Promise.resolve();
    const result = previous.catch(() => {}).then(work);
    this.#queues.set(chatId, result);
    result.finally(() => {
      if (this.#queues.get(chatId) === result) this.#queues.delete(chatId);
    }).catch(() => {});
    return result;
  }
}
