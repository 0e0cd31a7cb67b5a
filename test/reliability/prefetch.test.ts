import { describe, expect, test } from "@jest/globals";
import { NotFoundError } from "../../src/index.ts";
import { asanaError, caught, clientWith, json, scripted } from "./scripted.ts";

/** Pages p0..p(n-1) of two tasks each, linked by offsets "o1".."o(n-1)". */
function pages(count: number) {
  return (request: Request) => {
    const offset = new URL(request.url).searchParams.get("offset");
    const index = offset ? Number(offset.slice(1)) : 0;
    const next = index + 1 < count ? { offset: `o${index + 1}`, path: "/ignored", uri: "https://ignored" } : null;
    return json(200, { data: [{ gid: `${index}a` }, { gid: `${index}b` }], next_page: next });
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("prefetch", () => {
  test("requests page n+1 while page n is consumed, never more than one page ahead", async () => {
    const wire = scripted([], pages(5));
    const asana = clientWith(wire.fetch);
    const sentWhileConsuming: number[] = [];
    const seen: string[] = [];
    for await (const page of asana.tasks.forProject("1", { limit: 2, prefetch: true }).pages()) {
      await tick(); // the consumer works; the prefetch has had time to go out
      sentWhileConsuming.push(wire.sent.length);
      seen.push(...page.data.map((t) => t.gid));
    }
    expect(seen).toEqual(["0a", "0b", "1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b"]);
    // While consuming page k (0-based), pages 0..k+1 have been requested: one ahead, never two.
    expect(sentWhileConsuming).toEqual([2, 3, 4, 5, 5]);
    expect(wire.sent.map((r) => r.url.searchParams.get("offset"))).toEqual([null, "o1", "o2", "o3", "o4"]);
  });

  test("a break sends nothing more and cancels the page fetched ahead", async () => {
    const signals: AbortSignal[] = [];
    let calls = 0;
    const wire = scripted([], (request) => {
      signals.push(request.signal);
      calls++;
      if (calls === 1) return pages(5)(request);
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    });
    const asana = clientWith(wire.fetch);
    for await (const task of asana.tasks.forProject("1", { limit: 2, prefetch: true })) {
      expect(task.gid).toBe("0a");
      await tick();
      break;
    }
    await tick();
    expect(wire.sent).toHaveLength(2);
    expect(signals[1]!.aborted).toBe(true);
  });

  test("an error surfaces where the failing page's items would have been", async () => {
    const good = pages(5);
    const wire = scripted([], (request) => (new URL(request.url).searchParams.get("offset") === "o2" ? asanaError(404, "gone") : good(request)));
    const seen: string[] = [];
    const error = await caught(async () => {
      for await (const task of clientWith(wire.fetch).tasks.forProject("1", { limit: 2, prefetch: true })) seen.push(task.gid);
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(seen).toEqual(["0a", "0b", "1a", "1b"]);
    expect(wire.sent).toHaveLength(3);
  });

  test("nothing is fetched ahead once maxItems is reached", async () => {
    const wire = scripted([], pages(5));
    const items = await clientWith(wire.fetch).tasks.forProject("1", { limit: 2, maxItems: 3, prefetch: true }).toArray();
    expect(items.map((t) => t.gid)).toEqual(["0a", "0b", "1a"]);
    expect(wire.sent.map((r) => r.url.searchParams.get("limit"))).toEqual(["2", "1"]);
  });

  test("prefetch is a paginator option, never sent on the wire", async () => {
    const wire = scripted([], pages(1));
    await clientWith(wire.fetch).tasks.list({ project: "1", prefetch: true }).toArray();
    expect(wire.sent[0]!.url.searchParams.has("prefetch")).toBe(false);
    expect(() => clientWith(wire.fetch).tasks.forProject("1", { prefetch: "yes" as never })).toThrow(TypeError);
  });
});
