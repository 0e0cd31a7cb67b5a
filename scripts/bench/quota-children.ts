/** Starts quota workers (quota-worker.ts) as child processes and collects what they report. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./quota-worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface WorkerSummary {
  ms: number;
  calls: number;
  failures: number;
  firstFailure?: string;
  warnings: string[];
}

export interface Worker {
  child: ChildProcess;
  /** Resolves with the worker's summary (bulk mode), rejects if it exits without one. */
  done: Promise<WorkerSummary>;
  /** With `ipc`: resolves once the worker is loaded and waits for `go()`. */
  ready: Promise<void>;
  go(): void;
}

/** `ipc`: the worker waits for `go()` before its burst, and reports over IPC (benchmarks start all at once). */
export function startWorker(env: Record<string, string>, options: { ipc?: boolean } = {}): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe", ...(options.ipc ? (["ipc"] as const) : [])],
  });
  let stdout = "";
  let stderr = "";
  let summary: WorkerSummary | undefined;
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.on("message", (message) => {
    if (message === "ready") onReady();
    else summary = message as WorkerSummary;
  });
  const done = new Promise<WorkerSummary>((resolve, reject) => {
    child.once("exit", (code, signal) => {
      const line = stdout.trim().split("\n").pop();
      const reported = summary ?? (line ? (JSON.parse(line) as WorkerSummary) : undefined);
      if (code === 0 && reported) resolve(reported);
      else reject(new Error(`worker exited with ${signal ?? code}: ${stderr.trim().slice(0, 2_000)}`));
    });
  });
  done.catch(() => {});
  return { child, done, ready, go: () => child.send?.("go") };
}

/** Stops a worker by its PID (SIGKILL, as a crash would) and waits for it to be gone. */
export function killWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return resolve();
    worker.child.once("exit", () => resolve());
    process.kill(worker.child.pid!, "SIGKILL");
  });
}
