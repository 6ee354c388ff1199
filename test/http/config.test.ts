import { describe, expect, it } from "vitest";
import {
  parseEndpointAddr,
  readApiKey,
  readApiUrl,
  readEndpointAddr,
  readEndpointUrl,
  readVerificationKey,
} from "../../runtime/http/index.js";
import { trusted } from "./support/keys.js";

describe("configuration", () => {
  it("parses endpoint addresses; localhost and an empty host bind 127.0.0.1", () => {
    expect(parseEndpointAddr("localhost:8000")).toEqual({ host: "127.0.0.1", port: 8000 });
    expect(parseEndpointAddr(":9000")).toEqual({ host: "127.0.0.1", port: 9000 });
    expect(parseEndpointAddr("0.0.0.0:0")).toEqual({ host: "0.0.0.0", port: 0 });
    expect(parseEndpointAddr("[::1]:8001")).toEqual({ host: "::1", port: 8001 });
    expect(parseEndpointAddr("app.internal:80")).toEqual({ host: "app.internal", port: 80 });
    expect(readEndpointAddr({})).toBeUndefined();
    expect(readEndpointAddr({ DISPATCH_ENDPOINT_ADDR: " " })).toBeUndefined();
  });

  it.each([
    ["8000", 'cannot read DISPATCH_ENDPOINT_ADDR: expected host:port, got "8000"'],
    ["localhost", 'cannot read DISPATCH_ENDPOINT_ADDR: expected host:port, got "localhost"'],
    ["host:port", 'cannot read DISPATCH_ENDPOINT_ADDR: expected host:port, got "host:port"'],
    ["::1:8000", 'cannot read DISPATCH_ENDPOINT_ADDR: expected host:port, got "::1:8000"'],
    ["localhost:70000", "cannot read DISPATCH_ENDPOINT_ADDR: port 70000 is out of range 0..65535"],
  ])("rejects DISPATCH_ENDPOINT_ADDR=%j", (value, message) => {
    expect(() => readEndpointAddr({ DISPATCH_ENDPOINT_ADDR: value })).toThrow(message);
  });

  it("reads URLs and rejects bad ones", () => {
    expect(readEndpointUrl({ DISPATCH_ENDPOINT_URL: "https://app.example.com/" })).toBe("https://app.example.com");
    expect(readApiUrl({ DISPATCH_API_URL: "http://127.0.0.1:4450" })).toBe("http://127.0.0.1:4450");
    expect(readApiUrl({})).toBeUndefined();
    expect(() => readEndpointUrl({ DISPATCH_ENDPOINT_URL: "app.example.com" })).toThrow(
      'cannot read DISPATCH_ENDPOINT_URL: not a URL: "app.example.com"',
    );
    expect(() => readApiUrl({ DISPATCH_API_URL: "ftp://x" })).toThrow('cannot read DISPATCH_API_URL: expected an http or https URL, got "ftp://x"');
  });

  it("reads the API key and rejects one pasted with quotes", () => {
    expect(readApiKey({ DISPATCH_API_KEY: "abc123" })).toBe("abc123");
    expect(() => readApiKey({ DISPATCH_API_KEY: '"abc123"' })).toThrow("cannot read DISPATCH_API_KEY: the key contains spaces or quotes");
  });

  it("reads the verification key and names the variable when it is bad", () => {
    expect(readVerificationKey({ DISPATCH_VERIFICATION_KEY: trusted.publicRaw })?.equals(trusted.publicKey)).toBe(true);
    expect(() => readVerificationKey({ DISPATCH_VERIFICATION_KEY: "abcd" })).toThrow(
      "cannot read DISPATCH_VERIFICATION_KEY: cannot load verification key: expected 32 raw key bytes, got 3",
    );
  });
});
