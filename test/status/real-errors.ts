// Real failures from Node.js and fetch, provoked on 127.0.0.1, so that the
// status defaults are checked against what the platform actually throws and not
// only against hand-made look-alikes.

import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import { TLS_CERT, TLS_KEY } from "./tls-fixture.js";

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** A port nothing listens on (bound once, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

/** Runs `fn` against a TCP server whose connections get `onSocket`, then closes it. */
export async function withTcpServer<T>(onSocket: (socket: net.Socket) => void, fn: (port: number) => Promise<T>): Promise<T> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    onSocket(socket);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    return await fn((server.address() as net.AddressInfo).port);
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
}

/** Runs `fn` against a TLS server with the self-signed "localhost" certificate. */
export async function withTlsServer<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const server = tls.createServer({ key: TLS_KEY, cert: TLS_CERT }, (socket) => socket.end());
  server.on("tlsClientError", () => {});
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    return await fn((server.address() as net.AddressInfo).port);
  } finally {
    server.close();
  }
}

/** Runs `fn` against an HTTP server that never answers. */
export async function withSilentHttpServer<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const server = http.createServer(() => {});
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    return await fn((server.address() as net.AddressInfo).port);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

export function tlsConnect(options: tls.ConnectionOptions): Promise<unknown> {
  return rejection(
    new Promise((resolve, reject) => {
      const socket = tls.connect(options, () => resolve(socket));
      socket.on("error", reject);
    }),
  );
}
