/**
 * `npm run demo`: the client at work, in one command.
 *
 * Without ASANA_TOKEN it starts the fake Asana on loopback (no account, no network), seeds a realistic
 * workspace and runs every step. With ASANA_TOKEN (and ASANA_WORKSPACE, ASANA_PROJECT) it runs the same
 * read-only steps against the real API; it writes (duplicates a task, then deletes the copy; with
 * ASANA_SECTION and ASANA_TAG also triages a task) only with --write.
 */
import { AsanaError, createAsanaClient, type AsanaClient, type Job } from "../src/index.ts";
import { createFakeAsanaServer } from "../src/testing/node.ts";
import { seedDemoWorld } from "./demo/seed.ts";

const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Target {
  asana: AsanaClient;
  workspace: string;
  project: string;
  /** A task to duplicate (fake) — real mode picks the project's first task. */
  showcase?: string;
  /** The triage step's inputs (fake, or ASANA_SECTION / ASANA_TAG in real mode). */
  triage?: { task?: string; section: string; tag: string; follower: string; blocker?: string };
  label: string;
  write: boolean;
  stop(): Promise<void>;
}

/** Counts requests on the way out, whichever API answers. */
function countingFetch(counter: { requests: number }) {
  return (request: Request) => {
    counter.requests++;
    return fetch(request);
  };
}

async function fakeTarget(counter: { requests: number }): Promise<Target> {
  const server = createFakeAsanaServer({ latencyMs: 8, jobs: { pollsToFinish: 3 } });
  const world = seedDemoWorld(server.fake);
  const baseUrl = await server.listen({ port: 0 });
  console.log(`${bold("Fake Asana")} on ${baseUrl} ${dim("(embedded: no account, no network)")}`);
  console.log(
    `Seeded "Acme Corp": project "${world.projectName}" with ${world.taskCount} tasks and ${world.subtaskCount} subtasks.\n`,
  );
  return {
    asana: createAsanaClient({ token: server.fake.token, baseUrl, fetch: countingFetch(counter) }),
    workspace: world.workspace,
    project: world.project,
    showcase: world.showcase,
    triage: world.triage,
    label: "the fake Asana",
    write: true,
    stop: () => server.close(),
  };
}

function realTarget(counter: { requests: number }, write: boolean): Target {
  const { ASANA_TOKEN, ASANA_WORKSPACE, ASANA_PROJECT, ASANA_SECTION, ASANA_TAG } = process.env;
  if (!ASANA_WORKSPACE || !ASANA_PROJECT) {
    throw new Error("with ASANA_TOKEN set, also set ASANA_WORKSPACE and ASANA_PROJECT (gids)");
  }
  console.log(`${bold("Real Asana")} (${write ? "read and write: --write" : "read-only; pass --write to duplicate a task"})\n`);
  return {
    asana: createAsanaClient({ token: ASANA_TOKEN!, fetch: countingFetch(counter) }),
    workspace: ASANA_WORKSPACE,
    project: ASANA_PROJECT,
    ...(ASANA_SECTION && ASANA_TAG ? { triage: { section: ASANA_SECTION, tag: ASANA_TAG, follower: "me" } } : {}),
    label: "Asana",
    write,
    stop: async () => {},
  };
}

async function step<T>(log: string[], title: string, run: () => Promise<T>): Promise<T | undefined> {
  console.log(bold(`▸ ${title}`));
  const started = performance.now();
  try {
    const result = await run();
    log.push(`${title.padEnd(44)} ${seconds(performance.now() - started)}`);
    return result;
  } catch (error) {
    // A step that fails shows why and the demo goes on: search is premium-only on the real API.
    const why = error instanceof AsanaError ? `${error.name} ${error.status}: ${error.errors[0]?.message}` : String(error);
    console.log(`  skipped: ${why}`);
    log.push(`${title.padEnd(44)} skipped (${why})`);
    return undefined;
  } finally {
    console.log();
  }
}

async function main(): Promise<void> {
  const write = process.argv.includes("--write");
  const counter = { requests: 0 };
  const target = process.env.ASANA_TOKEN ? realTarget(counter, write) : await fakeTarget(counter);
  const { asana } = target;
  const log: string[] = [];
  const began = performance.now();

  try {
    let firstTask: string | undefined;
    await step(log, "Iterate the project's tasks (for await)", async () => {
      let count = 0;
      let pages = 0;
      let open = 0;
      for await (const page of asana.tasks.forProject(target.project, { limit: 100 }, { opt_fields: ["name", "completed"] }).pages()) {
        pages++;
        for (const task of page.data) {
          firstTask ??= task.gid;
          count++;
          if (!(task as { completed?: boolean }).completed) open++;
        }
        const line = `  page ${pages}: ${count} tasks so far`;
        if (tty) process.stdout.write(`\r${line}`);
        else console.log(line);
      }
      if (tty) process.stdout.write("\n");
      console.log(`  ${count} tasks in ${pages} pages, ${open} still open`);
    });

    await step(log, "Search the workspace (paged by created_at)", async () => {
      const hits = await asana.tasks.search(target.workspace, { text: "homepage", completed: false, maxItems: 40 }).toArray();
      console.log(`  ${hits.length} open tasks mention "homepage"; newest first:`);
      for (const task of hits.slice(0, 3)) console.log(`  - ${task.name} ${dim(`(created ${task.created_at})`)}`);
    });

    const showcase = target.showcase ?? firstTask;
    if (showcase) {
      await step(log, "List a task's subtasks", async () => {
        const subtasks = await asana.tasks.subtasks(showcase).toArray();
        console.log(`  task ${showcase} has ${subtasks.length} subtasks: ${subtasks.map((t) => t.name).join(", ") || "none"}`);
      });
    }

    if (showcase && target.write) {
      await step(log, "Duplicate a task and wait for the job", async () => {
        const job = await asana.tasks.duplicate(showcase, { name: "Copy made by the asana-fetch demo", include: ["notes", "subtasks", "assignee"] });
        console.log(`  job ${job.gid} started (${job.status})`);
        const started = performance.now();
        let poll = 0;
        const done: Job = await asana.jobs.wait(job, {
          intervalMs: 150,
          onPoll: (j) => console.log(`  poll ${++poll}: ${j.status.padEnd(11)} ${dim(`after ${seconds(performance.now() - started)}`)}`),
        });
        const copy = done.new_task!;
        const subtasks = await asana.tasks.subtasks(copy.gid).toArray();
        console.log(`  new task ${copy.gid} "${copy.name}" with ${subtasks.length} subtasks copied`);
        if (process.env.ASANA_TOKEN) {
          await asana.tasks.delete(copy.gid);
          console.log(`  deleted the copy again`);
        }
      });
    }

    const triage = target.triage;
    if (showcase && target.write && triage) {
      await step(log, "Triage: section, tag, follower, dependency", async () => {
        const task = triage.task ?? showcase;
        const blocker = triage.blocker ?? firstTask;
        await asana.tasks.addProject(task, { project: target.project, section: triage.section });
        await asana.tasks.addTag(task, triage.tag);
        await asana.tasks.addFollowers(task, [triage.follower]);
        if (blocker && blocker !== task) await asana.tasks.addDependencies(task, [blocker]);
        const now = await asana.tasks.get(task, {
          opt_fields: ["name", "memberships.project", "memberships.section.name", "tags.name", "followers.name"],
        });
        const blockers = await asana.tasks.dependencies(task, {}, { opt_fields: ["name"] }).toArray();
        const section = now.memberships.find((m) => m.project.gid === target.project)?.section.name;
        console.log(`  "${now.name}" is now in section "${section}"`);
        console.log(`  tags: ${now.tags.map((t) => t.name).join(", ")}; followers: ${now.followers.map((f) => f.name).join(", ")}`);
        console.log(`  waits on: ${blockers.map((d) => d.name).join(", ") || "nothing"}`);
      });
    }

    await step(log, "Catch a 404 as AsanaError", async () => {
      try {
        await asana.tasks.get("1");
        console.log("  unexpectedly found task 1");
      } catch (error) {
        if (!(error instanceof AsanaError)) throw error;
        console.log(`  ${error.name} (status ${error.status}): ${error.message}`);
        console.log(`  Asana said: ${error.errors.map((e) => e.message).join("; ")}`);
      }
    });
  } finally {
    await target.stop();
  }

  console.log(bold("Summary"));
  for (const line of log) console.log(`  ${line}`);
  console.log(`  ${counter.requests} requests to ${target.label}, ${seconds(performance.now() - began)} in all`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
