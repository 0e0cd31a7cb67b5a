/** Node (ESM and CommonJS), Deno and Bun: the bundled runner in a child process, killed after a timeout. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ScenarioConfig } from "../scenario.ts";
import { complete, parseLines, type Row } from "../results.ts";

const TIMEOUT_MS = 60_000;

export interface CliRuntime {
  name: string;
  command: (dir: string, bin: string, config: ScenarioConfig) => [string, string[]];
}

export const cliRuntimes: CliRuntime[] = [
  { name: "node-esm", command: (dir) => [process.execPath, [join(dir, "runner.mjs")]] },
  { name: "node-cjs", command: (dir) => [process.execPath, [join(dir, "runner.cjs")]] },
  {
    name: "deno",
    command: (dir, bin, config) => [
      join(bin, "deno"),
      // Only the fake's address: no other network, no env, no files beyond module loading.
      ["run", "--no-prompt", "--node-modules-dir=manual", `--allow-net=${new URL(config.baseUrl).host}`, join(dir, "runner.mjs")],
    ],
  },
  // --no-install: resolve from node_modules only, never fetch a missing package.
  { name: "bun", command: (dir, bin) => [join(bin, "bun"), ["run", "--no-install", join(dir, "runner.mjs")]] },
];

/**
 * Runs one runtime; a crash, a timeout or a missing step is a failed step, never a thrown error.
 * The extra `exit` row checks the process ended by itself with code 0: nothing (a timer, a socket) held it open.
 */
export function runCli(runtime: CliRuntime, dir: string, bin: string, config: ScenarioConfig): Promise<Row[]> {
  const [command, args] = runtime.command(dir, bin, config);
  return new Promise((resolve) => {
    const child = spawn(command, [...args, JSON.stringify({ ...config, runtime: runtime.name })], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
      killSignal: "SIGKILL",
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => {
      const why = `could not start ${command}: ${error.message}`;
      resolve([...complete([], why), { step: "exit", ok: false, detail: why }]);
    });
    child.on("close", (code, signal) => {
      const why = signal ? `killed by ${signal} (timeout ${TIMEOUT_MS} ms)` : `exit code ${code}`;
      // Whatever else the child printed (a crash before the first step, a stack) explains missing steps.
      const stray = stdout.split("\n").filter((l) => l.trim() !== "" && parseLines(l).length === 0);
      const tail = [...stray, ...stderr.trim().split("\n")].filter(Boolean).slice(-3).join(" | ");
      const detail = tail ? `${why}: ${tail}` : why;
      resolve([...complete(parseLines(stdout), detail), { step: "exit", ok: code === 0, detail }]);
    });
  });
}
