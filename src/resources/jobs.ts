import { getJob as getJobOp } from "../../generated/operations.ts";
import type { ClientContext } from "../core/call.ts";
import { single } from "../core/operations.ts";
import { JobFailedError } from "../core/errors.ts";
import { callScope } from "../internal/scope.ts";
import { sleep } from "../internal/sleep.ts";
import type { FieldList, Narrowed } from "../selection.ts";
import type { Job, RequestOptions, WaitedJob, WaitOptions } from "../types.ts";
import { checkDuration, checkFunction, checkGid, checkObject, checkSignal } from "../internal/validate.ts";

/**
 * The shortest wait between polls: a smaller intervalMs counts as this. Every wait goes through the
 * timer queue, so other work runs, and a wait sends at most 100 polls a second even against a fake
 * that answers at once.
 */
export const MIN_POLL_INTERVAL_MS = 10;

export interface JobsApi {
  /** `opt_fields` narrows the job as it does a task (`["status", "new_task.name"]`). */
  get<const F extends FieldList<Job, F> = string[]>(jobGid: string, opts?: RequestOptions<F>): Promise<Narrowed<Job, F, Job>>;
  /**
   * Polls until the job succeeds: JobFailedError if it fails, TimeoutError after timeoutMs. The job
   * resolves typed as succeeded; for the job `tasks.duplicate` answered, with its `new_task`.
   */
  wait<J extends Pick<Job, "gid"> = Job>(jobOrGid: string | J, opts?: WaitOptions): Promise<WaitedJob<J>>;
}

/** jobs.get; `wait` polls through it. */
export const getJob = single(getJobOp);

export function createJobsApi(ctx: ClientContext): JobsApi {
  const get = getJob(ctx) as JobsApi["get"];

  async function wait(jobOrGid: string | Pick<Job, "gid">, opts: WaitOptions = {}): Promise<Job> {
    const gid = checkGid(typeof jobOrGid === "string" ? jobOrGid : jobOrGid?.gid, "job");
    checkObject(opts, "options");
    let interval = Math.max(MIN_POLL_INTERVAL_MS, checkDuration(opts.intervalMs, "intervalMs", 500));
    const maxInterval = Math.max(interval, checkDuration(opts.maxIntervalMs, "maxIntervalMs", 5_000));
    const timeoutMs = checkDuration(opts.timeoutMs, "timeoutMs", 600_000, { infinity: true });
    const signal = checkSignal(opts.signal);
    const { onPoll } = opts;
    checkFunction(onPoll, "onPoll");
    if (signal?.aborted) throw signal.reason;

    // One signal stops the poll in flight and the sleep alike, for the deadline or the caller's abort.
    const scope = callScope(signal, timeoutMs, () => `waiting for job ${ctx.transport.redactor()(gid)}`);
    const stop = scope.signal ?? new AbortController().signal;
    try {
      for (;;) {
        const job = await get(gid, { signal: stop });
        onPoll?.(job);
        if (job.status === "succeeded") return job;
        if (job.status === "failed") throw new JobFailedError(job, ctx.transport.redactor(), gid);
        await sleep(interval, stop);
        interval = Math.min(interval * 1.5, maxInterval); // each wait grows by half, up to maxIntervalMs
      }
    } catch (error) {
      throw stop.aborted ? stop.reason : error;
    } finally {
      scope.done();
    }
  }

  // `wait` returns only once status is "succeeded"; a duplication job's copy is in new_task.
  return { get, wait: wait as JobsApi["wait"] };
}
