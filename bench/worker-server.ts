/**
 * Runs a benchmark's loopback server on a worker thread, so that serving does not share the
 * measured clients' event loop. The module that defines the server calls `serveInWorker` at load
 * (it does nothing on the main thread) and `startServerInWorker` to start it.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/** What a benchmark server offers, on either side of the thread boundary. */
export interface BenchServer {
  url: string;
  /** Requests answered so far. */
  requests(): Promise<number>;
  close(): Promise<void>;
}

type ToWorker = { type: "count" } | { type: "close" };
type FromWorker = { type: "ready"; url: string } | { type: "count"; count: number } | { type: "closed" };

interface WorkerInput<O> {
  role: string;
  options: O;
}

/** Starts, on a new worker, the server that `moduleUrl` registers under `role` with serveInWorker. */
export async function startServerInWorker<O>(
  moduleUrl: string,
  role: string,
  options: O,
): Promise<BenchServer> {
  // Node 20 does not apply `--import tsx` to a worker's entry module: register tsx, then load the module.
  const entry =
    `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); ` +
    `await import(${JSON.stringify(moduleUrl)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), {
    workerData: { role, options } satisfies WorkerInput<O>,
  });
  const next = <T extends FromWorker["type"]>(type: T) =>
    new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== type) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(message as Extract<FromWorker, { type: T }>);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const send = (message: ToWorker) => worker.postMessage(message);
  const ready = await next("ready");
  return {
    url: ready.url,
    requests: async () => {
      const answer = next("count");
      send({ type: "count" });
      return (await answer).count;
    },
    close: async () => {
      const closed = next("closed");
      send({ type: "close" });
      await closed;
      await worker.terminate();
    },
  };
}

/** On a worker started for `role`, starts the server and answers the main thread's messages. */
export async function serveInWorker<O>(
  role: string,
  start: (options: O) => Promise<BenchServer>,
): Promise<void> {
  const input = workerData as WorkerInput<O> | null;
  if (isMainThread || !parentPort || input?.role !== role) return;
  const port = parentPort;
  const server = await start(input.options);
  port.on("message", async (message: ToWorker) => {
    if (message.type === "count") {
      port.postMessage({ type: "count", count: await server.requests() } satisfies FromWorker);
    } else if (message.type === "close") {
      await server.close();
      port.postMessage({ type: "closed" } satisfies FromWorker);
    }
  });
  port.postMessage({ type: "ready", url: server.url } satisfies FromWorker);
}
