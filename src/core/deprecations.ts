/**
 * Asana's deprecation switches: `Asana-Enable` / `Asana-Disable` request headers, and the
 * `Asana-Change` response headers that announce a change, surfaced once per change name.
 */
import type { QuotaStoreWarning } from "./quota/types.ts";
import { redactJson, type Redact } from "../internal/redact.ts";

export interface AsanaChangeWarning {
  /** The change's name, e.g. "new_user_task_lists". */
  name: string;
  /** A link describing the change. */
  info?: string;
  /** True when this request was affected by it. */
  affected: boolean;
  message: string;
}

/**
 * Everything `onWarning` is told: an Asana-Change, or a quota store that failed (`kind: "quota-store"`).
 * Each has a `name` and a `message`; a store warning is also an AsanaChangeWarning in shape, so a
 * callback written for those alone still fits.
 */
export type AsanaWarning = AsanaChangeWarning | QuotaStoreWarning;

export type OnWarning = (warning: AsanaWarning) => void;

export const defaultOnWarning: OnWarning = (warning) => console.warn(warning.message);

/** Asana-Enable / Asana-Disable headers from lists of change names (comma-joined, as Asana reads them). */
export function featureHeaders(enable?: readonly string[], disable?: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  if (enable?.length) headers["Asana-Enable"] = enable.join(",");
  if (disable?.length) headers["Asana-Disable"] = disable.join(",");
  return headers;
}

/**
 * Reports each change name once per client. An `Asana-Change` header is `name=x;info=https://…;affected=true`,
 * possibly several joined by ", ". It is the server's text, so a warning goes through `redactor`
 * (the tokens in play) before it reaches a callback or the console. The redactor is built only for
 * a warning to report, never for a header already seen.
 */
export function createChangeWatcher(onWarning: OnWarning | undefined, redactor: () => Redact): (response: Response) => void {
  const report = onWarning ?? defaultOnWarning;
  const seen = new Set<string>();
  return (response) => {
    for (const entry of response.headers.get("asana-change")?.split(/,(?=\s*name=)/) ?? []) {
      const fields: Record<string, string | undefined> = {};
      for (const part of entry.split(";")) {
        const eq = part.indexOf("=");
        if (eq > 0) fields[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
      }
      const { name, info } = fields;
      if (name && !seen.has(name)) {
        seen.add(name);
        const affected = fields.affected === "true";
        const message = `Asana-Change "${name}" ${affected ? "affects this request" : "is coming"}${info ? `: ${info}` : ""}`;
        report(redactJson({ name, ...(info ? { info } : {}), affected, message }, redactor()));
      }
    }
  };
}
