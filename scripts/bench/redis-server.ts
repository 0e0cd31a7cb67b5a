/**
 * A throwaway redis-server for the quota tests and benchmarks: a free loopback port, no persistence,
 * stopped by its PID. Nothing depends on a Redis that happens to be running.
 *
 *   const redis = await startRedisServer();   // redis.port, redis.url
 *   await redis.stop();                        // SIGTERM, or redis.kill() for SIGKILL mid-run
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection, createServer } from "node:net";

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? "redis-server";
const READY_TIMEOUT_MS = 10_000;

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True once the server answers PING with PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/** Starts redis-server on `port` (default: a free one) and resolves once it answers PING. */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(BINARY, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`could not start ${BINARY}: ${error.message} (install Debian's redis-server)`)));
    child.once("exit", (code) => reject(new Error(`${BINARY} exited with ${code} before answering: ${stderr.trim()}`)));
  });
  failed.catch(() => {});
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await Promise.race([pong(port), failed]))) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${BINARY} on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.removeAllListeners("exit");
  // Never outlives this process, however it ends (short of SIGKILL).
  const orphaned = () => child.kill("SIGKILL");
  process.once("exit", orphaned);
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited(child);
    process.off("exit", orphaned);
  };
  return { port, url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop: () => signal("SIGTERM"), kill: () => signal("SIGKILL") };
}
