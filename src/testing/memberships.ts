/**
 * Projects and sections. A task's membership in a project is exactly one of its sections; a project's
 * order is its sections in order, the tasks of each in order, and `projectTasks` is kept as that
 * concatenation so project lists page without rebuilding it.
 */
import { anchorIndex, insertAt, listOf, unlink } from "./lists.ts";
import type { FakeMembership, FakeProject, FakeState, FakeTask } from "./model.ts";

/** Asana's limit on the projects one task is multi-homed to. */
export const MAX_PROJECTS = 20;

export const lastSection = (project: FakeProject): string => project.sections[project.sections.length - 1]!;

/** Inserts into the section at `at` (default: its end) and into the project's list at the same place. */
function place(state: FakeState, project: FakeProject, section: string, task: string, at?: number): void {
  const inSection = listOf(state.sectionTasks, section);
  const index = Math.min(at ?? inSection.length, inSection.length);
  insertAt(inSection, index, task);
  let inProject = index;
  for (const earlier of project.sections) {
    if (earlier === section) break;
    inProject += state.sectionTasks.get(earlier)?.length ?? 0;
  }
  insertAt(listOf(state.projectTasks, project.gid), inProject, task);
}

function unplace(state: FakeState, membership: FakeMembership, task: string): void {
  unlink(state.sectionTasks.get(membership.section), task);
  unlink(state.projectTasks.get(membership.project), task);
}

/** The memberships of a new task: each project once (the first mention wins), in its section or at the end of the project. */
export function initialMemberships(state: FakeState, wanted: { project: string; section?: string }[]): FakeMembership[] {
  const out: FakeMembership[] = [];
  for (const { project, section } of wanted) {
    if (out.some((m) => m.project === project)) continue;
    out.push({ project, section: section ?? lastSection(state.projects.get(project)!) });
  }
  return out;
}

/** Indexes a new task's memberships: each at the end of its section. */
export function placeNewTask(state: FakeState, task: FakeTask): void {
  for (const m of task.memberships) place(state, state.projects.get(m.project)!, m.section, task.gid);
}

/**
 * Adds the task to `section` of the project, or moves it there if it is already in the project,
 * before or after `anchor` (a task of that section), at the start (after null) or end (before null, or no anchor).
 */
export function placeTask(state: FakeState, task: FakeTask, project: FakeProject, section: string, anchor?: { side: "before" | "after"; gid: string | null }): void {
  let membership = task.memberships.find((m) => m.project === project.gid);
  if (membership) {
    unplace(state, membership, task.gid);
    membership.section = section;
  } else {
    membership = { project: project.gid, section };
    task.memberships.push(membership);
    task.projects.push(project.gid);
  }
  place(state, project, section, task.gid, anchorIndex(state.sectionTasks.get(section) ?? [], anchor));
}

export function removeFromProject(state: FakeState, task: FakeTask, project: string): void {
  const at = task.memberships.findIndex((m) => m.project === project);
  if (at < 0) return;
  unplace(state, task.memberships[at]!, task.gid);
  task.memberships.splice(at, 1);
  task.projects.splice(task.projects.indexOf(project), 1);
}

/** Removes a deleted task from every project it was in. */
export function unplaceAll(state: FakeState, task: FakeTask): void {
  for (const m of task.memberships) unplace(state, m, task.gid);
}
