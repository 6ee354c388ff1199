// RunRequests per second through the node:http endpoint (Content-Length and
// signature checks, body read, protobuf decoding, a trivial function,
// protobuf encoding) against a bare node:http handler that answers a constant
// body: the limit of node:http on this machine, measured in the same run.
// Goal: ratio >= 0.5. The servers run in a worker thread and the client in
// the main thread, so that the client's cost does not hide the server's.
// Short rounds alternate between the servers and the ratio is the median of
// the per-cycle ratios, which cancels most of the noise of a shared machine.
// Bounded: CYCLES cycles of ROUND_MS per server (and at most MAX_PER_ROUND
// requests each). Build first: npx buf generate && npx tsc -p tsconfig.build.json

import http from "node:http";
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const CYCLES = Number(process.env.CYCLES ?? 15);
const ROUND_MS = Number(process.env.ROUND_MS ?? 300);
const MAX_PER_ROUND = 200_000;
const CONCURRENCY = 16;
const dist = new URL("../dist/runtime/", import.meta.url);

if (!isMainThread) {
  const { create, toBinary } = await import("@bufbuild/protobuf");
  const { RunResponseSchema } = await import(new URL("gen/dispatch/sdk/v1/function_pb.js", dist).href);
  const { ExitSchema } = await import(new URL("gen/dispatch/sdk/v1/exit_pb.js", dist).href);
  const { CallResultSchema } = await import(new URL("gen/dispatch/sdk/v1/call_pb.js", dist).href);
  const { createHandler } = await import(new URL("http/adapters/node/index.js", dist).href);
  // The trivial function: exit with its input as output.
  const runner = {
    has: (name) => name === "echo",
    run: async (request) =>
      create(RunResponseSchema, {
        status: 1,
        directive: { case: "exit", value: create(ExitSchema, { result: create(CallResultSchema, { output: request.directive.value }) }) },
      }),
  };
  const constant = toBinary(RunResponseSchema, await runner.run({ directive: { value: undefined } }));
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/proto", "content-length": constant.length });
    res.end(constant);
  });
  // The ceiling of any endpoint that checks an Ed25519 signature per request:
  // the bare handler plus one verification (of a fixed message), nothing else.
  const message = Buffer.alloc(300, 1);
  const verifyOnly = http.createServer((_req, res) => {
    verify(null, message, workerData.publicKey, workerData.signature, () => {
      res.writeHead(200, { "content-type": "application/proto", "content-length": constant.length });
      res.end(constant);
    });
  });
  const logger = { warn() {}, error: console.error };
  const signed = http.createServer(createHandler({ runner, verificationKey: workerData.publicKey, logger }));
  const unsigned = http.createServer(createHandler({ runner, verificationKey: null, logger }));
  const ports = {};
  for (const [name, server] of Object.entries({ bare, verifyOnly, signed, unsigned })) {
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    ports[name] = server.address().port;
  }
  parentPort.postMessage(ports);
} else {
  const { create, toBinary } = await import("@bufbuild/protobuf");
  const { anyPack, StringValueSchema } = await import("@bufbuild/protobuf/wkt");
  const { RunRequestSchema } = await import(new URL("gen/dispatch/sdk/v1/function_pb.js", dist).href);
  const { signRequest, runPath } = await import(new URL("http/index.js", dist).href);

  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const signature = sign(null, Buffer.alloc(300, 1), privateKey);
  const worker = new Worker(new URL(import.meta.url), { workerData: { publicKey, signature } });
  const ports = await new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));

  const body = Buffer.from(
    toBinary(
      RunRequestSchema,
      create(RunRequestSchema, {
        function: "echo",
        directive: { case: "input", value: anyPack(StringValueSchema, create(StringValueSchema, { value: "hello" })) },
        dispatchId: "bench",
      }),
    ),
  );
  // Signed once: the endpoint still verifies the signature of every request (it caches nothing).
  const headersFor = (port) => {
    const headers = { "content-type": "application/proto" };
    return { ...headers, ...signRequest({ method: "POST", url: `http://127.0.0.1:${port}${runPath}`, headers, body }, privateKey) };
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  const post = (port, headers) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: runPath, agent, headers }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end(body);
    });

  async function round(port) {
    const headers = { ...headersFor(port), "content-length": String(body.length) };
    let done = 0;
    const started = performance.now();
    const deadline = started + ROUND_MS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline && done < MAX_PER_ROUND) {
          await post(port, headers);
          done++;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const servers = ["bare", "verifyOnly", "signed", "unsigned"];
  const rates = { bare: [], verifyOnly: [], signed: [], unsigned: [] };
  for (const name of servers) await round(ports[name]); // warm-up
  for (let i = 0; i < CYCLES; i++) for (const name of servers) rates[name].push(await round(ports[name]));
  const ratio = (name) => median(rates[name].map((rate, i) => rate / rates.bare[i]));
  const f = (name) => `${Math.round(median(rates[name]))} req/s`.padStart(12);
  // Context: what one Ed25519 verification costs on this machine right now.
  const message = Buffer.alloc(300, 1);
  const started = performance.now();
  for (let i = 0; i < 200; i++) verify(null, message, publicKey, signature);
  const verifyUs = ((performance.now() - started) * 1000) / 200;
  console.log(`bare node:http, constant body:             ${f("bare")}`);
  console.log(`bare + one Ed25519 verification (ceiling): ${f("verifyOnly")}`);
  console.log(`endpoint, decode + Ed25519 verification:   ${f("signed")}`);
  console.log(`endpoint, decode, no key (for comparison): ${f("unsigned")}`);
  console.log(`one Ed25519 verification: ${verifyUs.toFixed(0)} us; one bare request: ${(1e6 / median(rates.bare)).toFixed(0)} us of wall time`);
  console.log(
    `ratio endpoint/bare: ${ratio("signed").toFixed(2)}x with verification (goal >= 0.5x; ceiling ${ratio("verifyOnly").toFixed(2)}x), ` +
      `${ratio("unsigned").toFixed(2)}x without`,
  );
  agent.destroy();
  await worker.terminate();
}
