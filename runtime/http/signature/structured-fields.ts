// Structured Field Values (RFC 8941), reduced to what HTTP Message Signatures
// need: dictionaries whose members are inner lists (Signature-Input) or byte
// sequences (Signature, Content-Digest), with parameters.
//
// Guarantees: the parser follows the algorithms of RFC 8941 section 4.2 step by
// step and rejects instead of guessing, so that what it accepts reads the same
// in any other implementation; every error names the field and the offset. It
// never throws anything but a SignatureError ("invalid"), whatever the input.
// Leaves alone on purpose: lists and standalone items (no header we read is
// one), and the dates and display strings of RFC 9651 (rejected as unknown).

import { SignatureError } from "./signature-error.js";

/** A token, kept apart from strings because it serializes without quotes. */
export class Token {
  constructor(readonly name: string) {}
}

export type BareItem = number | string | boolean | Uint8Array | Token;
export type Parameters = Map<string, BareItem>;
export interface Item {
  readonly value: BareItem;
  readonly params: Parameters;
}
export interface InnerList {
  readonly items: Item[];
  readonly params: Parameters;
}
export type Member = Item | InnerList;

export function isInnerList(member: Member): member is InnerList {
  return "items" in member;
}

/** Parses a dictionary; `field` names the header in error messages. */
export function parseDictionary(input: string, field: string): Map<string, Member> {
  return new Parser(input, field).dictionary();
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isLcAlpha = (c: string) => c >= "a" && c <= "z";
const isAlpha = (c: string) => isLcAlpha(c) || (c >= "A" && c <= "Z");
const isKeyChar = (c: string) => isLcAlpha(c) || isDigit(c) || "_-.*".includes(c);
const isTokenChar = (c: string) => isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".includes(c);
const base64Chars = /^[A-Za-z0-9+/]*={0,2}$/;

class Parser {
  private pos = 0;
  constructor(
    private readonly input: string,
    private readonly field: string,
  ) {}

  private fail(reason: string): never {
    throw new SignatureError("invalid", `cannot parse ${this.field}: ${reason} at offset ${this.pos}`);
  }

  private peek(): string {
    return this.input.charAt(this.pos);
  }

  private eof(): boolean {
    return this.pos >= this.input.length;
  }

  private skip(chars: string): void {
    while (!this.eof() && chars.includes(this.peek())) this.pos++;
  }

  dictionary(): Map<string, Member> {
    const members = new Map<string, Member>();
    this.skip(" ");
    while (!this.eof()) {
      const key = this.key();
      // A later member with the same key replaces the earlier one (RFC 8941 4.2.2).
      if (this.peek() === "=") {
        this.pos++;
        members.set(key, this.peek() === "(" ? this.innerList() : this.item());
      } else {
        members.set(key, { value: true, params: this.parameters() });
      }
      this.skip(" \t");
      if (this.eof()) return members;
      if (this.peek() !== ",") this.fail(`expected ',' but found ${describe(this.peek())}`);
      this.pos++;
      this.skip(" \t");
      if (this.eof()) this.fail("trailing comma");
    }
    return members;
  }

  private innerList(): InnerList {
    this.pos++; // "("
    const items: Item[] = [];
    for (;;) {
      this.skip(" ");
      if (this.eof()) this.fail("unterminated inner list");
      if (this.peek() === ")") {
        this.pos++;
        return { items, params: this.parameters() };
      }
      items.push(this.item());
      const next = this.peek();
      if (next === "") this.fail("unterminated inner list");
      if (next !== " " && next !== ")") this.fail(`expected ' ' or ')' but found ${describe(next)}`);
    }
  }

  private item(): Item {
    const value = this.bareItem();
    return { value, params: this.parameters() };
  }

  private parameters(): Parameters {
    const params: Parameters = new Map();
    while (this.peek() === ";") {
      this.pos++;
      this.skip(" ");
      const key = this.key();
      let value: BareItem = true;
      if (this.peek() === "=") {
        this.pos++;
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  private key(): string {
    const start = this.pos;
    const first = this.peek();
    if (!isLcAlpha(first) && first !== "*") this.fail(`expected a key but found ${describe(first)}`);
    while (!this.eof() && isKeyChar(this.peek())) this.pos++;
    return this.input.slice(start, this.pos);
  }

  private bareItem(): BareItem {
    const c = this.peek();
    if (c === "-" || isDigit(c)) return this.number();
    if (c === '"') return this.string();
    if (c === ":") return this.bytes();
    if (c === "?") return this.boolean();
    if (isAlpha(c) || c === "*") return this.token();
    return this.fail(`expected an item but found ${describe(c)}`);
  }

  private number(): number {
    const start = this.pos;
    if (this.peek() === "-") this.pos++;
    const digitsStart = this.pos;
    while (!this.eof() && isDigit(this.peek())) this.pos++;
    const whole = this.pos - digitsStart;
    if (whole === 0) this.fail("expected a digit");
    if (this.peek() !== ".") {
      if (whole > 15) this.fail("integer longer than 15 digits");
      return Number(this.input.slice(start, this.pos));
    }
    if (whole > 12) this.fail("decimal longer than 12 integer digits");
    this.pos++;
    const fractionStart = this.pos;
    while (!this.eof() && isDigit(this.peek())) this.pos++;
    const fraction = this.pos - fractionStart;
    if (fraction === 0 || fraction > 3) this.fail("decimal needs 1 to 3 fraction digits");
    return Number(this.input.slice(start, this.pos));
  }

  private string(): string {
    this.pos++; // '"'
    let out = "";
    while (!this.eof()) {
      const c = this.input.charAt(this.pos++);
      if (c === "\\") {
        const escaped = this.input.charAt(this.pos++);
        if (escaped !== '"' && escaped !== "\\") this.fail("invalid escape in string");
        out += escaped;
      } else if (c === '"') {
        return out;
      } else if (c < " " || c > "~") {
        this.pos--;
        this.fail(`non-printable character ${describe(c)} in string`);
      } else {
        out += c;
      }
    }
    return this.fail("unterminated string");
  }

  private token(): Token {
    const start = this.pos;
    this.pos++;
    while (!this.eof() && isTokenChar(this.peek())) this.pos++;
    return new Token(this.input.slice(start, this.pos));
  }

  private bytes(): Uint8Array {
    this.pos++; // ":"
    const end = this.input.indexOf(":", this.pos);
    if (end < 0) this.fail("unterminated byte sequence");
    const text = this.input.slice(this.pos, end);
    // Unpadded base64 is tolerated (RFC 8941 4.2.7); wrong padding is not.
    const unpadded = text.replace(/=+$/, "");
    if (!base64Chars.test(text) || unpadded.length % 4 === 1 || (unpadded !== text && text.length % 4 !== 0)) {
      this.fail("invalid base64 in byte sequence");
    }
    this.pos = end + 1;
    return new Uint8Array(Buffer.from(text, "base64"));
  }

  private boolean(): boolean {
    this.pos++; // "?"
    const c = this.input.charAt(this.pos++);
    if (c === "1") return true;
    if (c === "0") return false;
    this.pos--;
    return this.fail("expected ?0 or ?1");
  }
}

function describe(c: string): string {
  return c === "" ? "the end" : JSON.stringify(c);
}

export function serializeBareItem(value: BareItem): string {
  if (typeof value === "boolean") return value ? "?1" : "?0";
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  }
  if (typeof value === "string") return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  if (value instanceof Token) return value.name;
  return `:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")}:`;
}

export function serializeParameters(params: Parameters): string {
  let out = "";
  for (const [key, value] of params) out += value === true ? `;${key}` : `;${key}=${serializeBareItem(value)}`;
  return out;
}

export function serializeItem(item: Item): string {
  return serializeBareItem(item.value) + serializeParameters(item.params);
}

export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map(serializeItem).join(" ")})${serializeParameters(list.params)}`;
}
