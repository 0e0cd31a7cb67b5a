/** A realistic workspace for the demo: a team, a project of a few hundred tasks, some with subtasks. */
import type { FakeAsana } from "../../src/testing/index.ts";

const VERBS = ["Draft", "Review", "Design", "Ship", "Test", "Fix", "Plan", "Write", "Audit", "Update"];
const THINGS = [
  "homepage hero", "pricing page", "signup flow", "onboarding emails", "blog post", "press kit",
  "analytics events", "checkout bug", "mobile nav", "SEO metadata", "release notes", "support FAQ",
];
const DAY = 86_400_000;

export interface DemoWorld {
  workspace: string;
  project: string;
  projectName: string;
  taskCount: number;
  subtaskCount: number;
  /** A task with subtasks and notes, worth duplicating. */
  showcase: string;
  /** For the triage step: a section to move a task into, a tag, a follower and a task it can wait on. */
  triage: { task: string; section: string; tag: string; follower: string; blocker: string };
}

export function seedDemoWorld(fake: FakeAsana, taskCount = 300): DemoWorld {
  const workspace = fake.seed.workspace({ name: "Acme Corp" }).gid;
  const people = ["Ada Lovelace", "Grace Hopper", "Linus Torvalds", "Margaret Hamilton"].map(
    (name) => fake.seed.user({ name, email: `${name.split(" ")[0]!.toLowerCase()}@acme.test`, workspace }).gid,
  );
  const projectName = "Website relaunch";
  const project = fake.seed.project({ workspace, name: projectName }).gid;
  const inbox = fake.state.projects.get(project)!.section;
  const doing = fake.seed.section({ project, name: "In progress" }).gid;
  const urgent = fake.seed.tag({ workspace, name: "urgent" }).gid;
  const start = Date.parse("2026-09-01T09:00:00.000Z");

  const gids = fake.seed.tasks(taskCount, {
    sections: [inbox],
    name: (i) => `${VERBS[i % VERBS.length]} ${THINGS[(i * 7) % THINGS.length]} #${i + 1}`,
    notes: (i) => (i % 3 === 0 ? "Acceptance criteria in the spec doc." : ""),
    assignee: (i) => (i % 5 === 4 ? null : people[i % people.length]!),
    completed: (i) => i % 4 === 1,
    created_at: (i) => new Date(start + i * 37 * 60_000).toISOString(),
    due_on: (i) => (i % 2 ? new Date(start + (i + 14) * DAY).toISOString().slice(0, 10) : null),
  });

  let subtaskCount = 0;
  for (let i = 0; i < gids.length; i += 10) {
    for (let s = 1; s <= 2 + (i % 3); s++) {
      fake.seed.task({ parent: gids[i]!, name: `Step ${s}`, assignee: people[s % people.length]! });
      subtaskCount++;
    }
  }
  return {
    workspace,
    project,
    projectName,
    taskCount,
    subtaskCount,
    showcase: gids[0]!,
    triage: { task: gids[2]!, section: doing, tag: urgent, follower: people[1]!, blocker: gids[3]! },
  };
}
