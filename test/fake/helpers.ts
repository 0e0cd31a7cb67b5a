/** Raw calls to the fake, the way a client would make them, for checking the fake's own rules. */
import { createFakeAsana, type FakeAsana, type FakeAsanaOptions } from "../../src/testing/index.ts";

export const BASE = "https://app.asana.com/api/1.0";

export interface Reply {
  status: number;
  headers: Headers;
  // Whatever JSON came back; tests narrow it with expect().
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface World {
  fake: FakeAsana;
  workspace: string;
  project: string;
  user: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
}

/** A fake with one workspace, one project and one user. */
export function world(options?: FakeAsanaOptions): World {
  const fake = createFakeAsana(options);
  const workspace = fake.seed.workspace({ name: "Acme" }).gid;
  const project = fake.seed.project({ workspace, name: "Launch" }).gid;
  const user = fake.seed.user({ name: "Ann Lee", email: "ann@example.com", workspace }).gid;
  return { fake, workspace, project, user, call: (method, path, body, headers) => call(fake, method, path, body, headers) };
}

export async function call(fake: FakeAsana, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fake.fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${fake.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The gids of a list answer, in order. */
export const gidsOf = (reply: Reply): string[] => reply.body.data.map((item: { gid: string }) => item.gid);

/** The first error message of an error answer. */
export const messageOf = (reply: Reply): string | undefined => reply.body?.errors?.[0]?.message;

/** A fake with one workspace, one user, and a project with three sections: the default "Untitled section", "Doing" and "Done". */
export function sectionedWorld(options?: FakeAsanaOptions) {
  const w = world(options);
  const untitled = w.fake.state.projects.get(w.project)!.section;
  const doing = w.fake.seed.section({ project: w.project, name: "Doing" }).gid;
  const done = w.fake.seed.section({ project: w.project, name: "Done" }).gid;
  return { ...w, untitled, doing, done };
}
