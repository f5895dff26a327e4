// The canonical encoding of docs/e2ee.md: str(s) = u32(len) ‖ utf8(s), bin(b) = u32(len) ‖ b,
// u32 big-endian; every use starts with its own label.

const utf8 = new TextEncoder();

export class CanonicalBytes {
  #parts = [];

  static labelled(label) {
    return new CanonicalBytes().text(label);
  }

  number(n) {
    const part = new Uint8Array(4);
    new DataView(part.buffer).setUint32(0, n, false);
    this.#parts.push(part);
    return this;
  }

  text(s) {
    return this.bytes(utf8.encode(s));
  }

  bytes(b) {
    this.number(b.length);
    this.#parts.push(b);
    return this;
  }

  toBytes() {
    return concat(this.#parts);
  }
}

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Unsigned comparison of the UTF-8 bytes: the recipients' sort order, the same as Java's. */
export function compareUtf8(a, b) {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}
