/** Forks server.ts into its own process and hands back its base URL. */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface BenchServer {
  /** e.g. "http://127.0.0.1:40123/api/1.0" */
  baseUrl: string;
  /** TCP connections the server has accepted so far (shows who reuses connections). */
  connections(): Promise<number>;
  close(): Promise<void>;
}

export async function startServer(): Promise<BenchServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./server.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
    child.once("message", (message) => resolve((message as { port: number }).port));
  });
  child.removeAllListeners("exit");
  return {
    baseUrl: `http://127.0.0.1:${port}/api/1.0`,
    connections: () =>
      new Promise((resolve) => {
        child.once("message", (message) => resolve((message as { connections: number }).connections));
        child.send({ type: "connections" });
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
