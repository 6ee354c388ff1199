import { describe, expect, it } from "vitest";
import {
  isInnerList,
  parseDictionary,
  serializeInnerList,
  Token,
  type InnerList,
  type Item,
} from "../../runtime/http/signature/structured-fields.js";

describe("structured fields", () => {
  it("parses a Signature-Input dictionary and serializes its inner list back", () => {
    const input = 'dispatch=("@method" "@path" "content-type");created=1700000000;keyid="default";alg="ed25519", other=("x")';
    const dict = parseDictionary(input, "Signature-Input");
    expect([...dict.keys()]).toEqual(["dispatch", "other"]);
    const list = dict.get("dispatch") as InnerList;
    expect(isInnerList(list)).toBe(true);
    expect(list.items.map((i) => i.value)).toEqual(["@method", "@path", "content-type"]);
    expect(Object.fromEntries(list.params)).toEqual({ created: 1700000000, keyid: "default", alg: "ed25519" });
    expect(serializeInnerList(list)).toBe('("@method" "@path" "content-type");created=1700000000;keyid="default";alg="ed25519"');
  });

  it("parses byte sequences, booleans, tokens, decimals and escapes", () => {
    const dict = parseDictionary('a=:AQID:, b, c=?0;x, d=tok/en:1, e=-1.5, f="q\\"\\\\"', "Test");
    expect((dict.get("a") as Item).value).toEqual(new Uint8Array([1, 2, 3]));
    expect((dict.get("b") as Item).value).toBe(true);
    expect((dict.get("c") as Item).value).toBe(false);
    expect((dict.get("c") as Item).params.get("x")).toBe(true);
    expect((dict.get("d") as Item).value).toEqual(new Token("tok/en:1"));
    expect((dict.get("e") as Item).value).toBe(-1.5);
    expect((dict.get("f") as Item).value).toBe('q"\\');
  });

  it("keeps the last of repeated keys and tolerates spaces around commas", () => {
    const dict = parseDictionary("  a=1 ,\tb=2,a=3", "Test");
    expect((dict.get("a") as Item).value).toBe(3);
  });

  it.each([
    ["a=1,", "cannot parse Test: trailing comma at offset 4"],
    ["A=1", 'cannot parse Test: expected a key but found "A" at offset 0'],
    ["a=(1 2", "cannot parse Test: unterminated inner list at offset 6"],
    ["a=(1,2)", "cannot parse Test: expected ' ' or ')' but found \",\" at offset 4"],
    ['a="abc', "cannot parse Test: unterminated string at offset 6"],
    ['a="\\x"', "cannot parse Test: invalid escape in string at offset 5"],
    ['a="é"', 'cannot parse Test: non-printable character "é" in string at offset 3'],
    ["a=:AQ!D:", "cannot parse Test: invalid base64 in byte sequence at offset 3"],
    ["a=:AQID", "cannot parse Test: unterminated byte sequence at offset 3"],
    ["a=:AQ=:", "cannot parse Test: invalid base64 in byte sequence at offset 3"],
    ["a=?2", "cannot parse Test: expected ?0 or ?1 at offset 3"],
    ["a=1234567890123456", "cannot parse Test: integer longer than 15 digits at offset 18"],
    ["a=1.2345", "cannot parse Test: decimal needs 1 to 3 fraction digits at offset 8"],
    ["a=@1659578233", 'cannot parse Test: expected an item but found "@" at offset 2'],
    ["a=1 b=2", 'cannot parse Test: expected \',\' but found "b" at offset 4'],
    ["a=", "cannot parse Test: expected an item but found the end at offset 2"],
  ])("rejects %j", (input, message) => {
    expect(() => parseDictionary(input, "Test")).toThrow(message);
  });

  it("never throws anything but its own error on random input", () => {
    const alphabet = 'ab=();,:" ?*-.1\\@AZ\t';
    let seed = 7;
    for (let n = 0; n < 5000; n++) {
      let s = "";
      const length = n % 24;
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += alphabet[seed % alphabet.length];
      }
      try {
        parseDictionary(s, "Fuzz");
      } catch (error) {
        expect((error as Error).name).toBe("SignatureError");
      }
    }
  });
});
