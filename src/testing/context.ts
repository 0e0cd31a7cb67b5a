/** What every route handler gets: the data, the clock, the gid source and the fake's options. */
import type { OffsetStore } from "./paging.ts";
import type { FakeState } from "./types.ts";

export interface FakeContext {
  state: FakeState;
  newGid(): string;
  now(): number;
  premium: boolean;
  jobs: { pollsToFinish: number; fail: boolean };
  offsets: OffsetStore;
}

/** One request as the routes see it. */
export interface ApiRequest {
  method: string;
  url: URL;
  /** The origin plus everything up to and including "/api/1.0": what Location and next_page.uri start with. */
  apiRoot: string;
  /** The path after "/api/1.0", percent-encoding kept. */
  path: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
  query: URLSearchParams;
  bodyText: string;
}

export const isoNow = (ctx: FakeContext): string => new Date(ctx.now()).toISOString();
