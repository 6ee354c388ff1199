// Starting a server on the endpoint address: options.addr, else
// DISPATCH_ENDPOINT_ADDR, else 127.0.0.1:8000. Shared by every adapter's serve.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultEndpointAddr, type EndpointAddr, parseEndpointAddr, readEndpointAddr } from "../../config.js";
import type { EndpointOptions } from "../../endpoint/options.js";

export interface ServeOptions extends EndpointOptions {
  /** `host:port` to listen on (port 0 picks a free one). */
  addr?: string;
}

/** A listening server. */
export interface Listening {
  /** http://host:port of the bound address. */
  url: string;
  close(): Promise<void>;
}

export function addrOf(options: ServeOptions): EndpointAddr {
  return options.addr === undefined ? (readEndpointAddr() ?? defaultEndpointAddr) : parseEndpointAddr(options.addr, "addr");
}

export function urlOf(address: AddressInfo | string | null): string {
  if (address === null || typeof address === "string") return `http://${address ?? "unknown"}`;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export async function listen(server: Server, addr: EndpointAddr): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(addr.port, addr.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    url: urlOf(server.address()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
