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
  /** Resolves with the worker's summary line (bulk mode), rejects if it exits without one. */
  done: Promise<WorkerSummary>;
}

export function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<WorkerSummary>((resolve, reject) => {
    child.once("exit", (code, signal) => {
      const line = stdout.trim().split("\n").pop();
      if (code === 0 && line) resolve(JSON.parse(line) as WorkerSummary);
      else reject(new Error(`worker exited with ${signal ?? code}: ${stderr.trim().slice(0, 2_000)}`));
    });
  });
  done.catch(() => {});
  return { child, done };
}

/** Stops a worker by its PID (SIGKILL, as a crash would) and waits for it to be gone. */
export function killWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return resolve();
    worker.child.once("exit", () => resolve());
    process.kill(worker.child.pid!, "SIGKILL");
  });
}
