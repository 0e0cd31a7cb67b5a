import { type ClientContext, callInit, optQuery, unwrap } from "./context.ts";
import { JobFailedError, TimeoutError } from "./errors.ts";
import { sleep } from "./sleep.ts";
import type { Job, RequestOptions, WaitOptions } from "./types.ts";
import { checkGid, checkPositive } from "./validate.ts";

/** How much longer each wait between polls gets, up to maxIntervalMs. */
const GROWTH = 1.5;

export interface JobsApi {
  get(jobGid: string, opts?: RequestOptions): Promise<Job>;
  /** Polls until the job succeeds: JobFailedError if it fails, TimeoutError after timeoutMs. */
  wait(jobOrGid: string | Pick<Job, "gid">, opts?: WaitOptions): Promise<Job>;
}

export function createJobsApi(ctx: ClientContext): JobsApi {
  const get = (jobGid: string, opts?: RequestOptions): Promise<Job> =>
    unwrap(
      ctx.raw.GET("/jobs/{job_gid}", {
        params: { path: { job_gid: checkGid(jobGid, "jobGid") }, query: optQuery(opts) },
        ...callInit(ctx, opts),
      }),
    );

  async function wait(jobOrGid: string | Pick<Job, "gid">, opts: WaitOptions = {}): Promise<Job> {
    const gid = checkGid(typeof jobOrGid === "string" ? jobOrGid : jobOrGid?.gid, "job");
    let interval = checkPositive(opts.intervalMs, "intervalMs", 500);
    const maxInterval = Math.max(interval, checkPositive(opts.maxIntervalMs, "maxIntervalMs", 5_000));
    const timeoutMs = checkPositive(opts.timeoutMs, "timeoutMs", 600_000);
    const { signal, onPoll } = opts;
    if (signal?.aborted) throw signal.reason;

    // One controller stops the poll in flight and the sleep alike, for a timeout or the caller's abort.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const deadline = setTimeout(
      () => stop.abort(new TimeoutError(`job ${gid} did not finish within ${timeoutMs} ms`, timeoutMs)),
      timeoutMs,
    );
    try {
      for (;;) {
        const job = await get(gid, { signal: stop.signal });
        onPoll?.(job);
        if (job.status === "succeeded") return job;
        if (job.status === "failed") throw new JobFailedError(job);
        await sleep(interval, stop.signal);
        interval = Math.min(interval * GROWTH, maxInterval);
      }
    } catch (error) {
      throw stop.signal.aborted ? stop.signal.reason : error;
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return { get, wait };
}
