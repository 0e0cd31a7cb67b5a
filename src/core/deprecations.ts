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

/** `name=x;info=https://…;affected=true`, possibly several joined by ", ". */
export function parseAsanaChange(value: string): AsanaChangeWarning[] {
  const warnings: AsanaChangeWarning[] = [];
  for (const entry of value.split(/,(?=\s*name=)/)) {
    const fields: Record<string, string | undefined> = {};
    for (const part of entry.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0) fields[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
    }
    const { name, info } = fields;
    const affected = fields.affected === "true";
    if (name) {
      warnings.push({
        name,
        ...(info ? { info } : {}),
        affected,
        message: `Asana-Change "${name}" ${affected ? "affects this request" : "is coming"}${info ? `: ${info}` : ""}`,
      });
    }
  }
  return warnings;
}

/**
 * Reports each change name once per client. The header is the server's text, so a warning goes
 * through `redactor` (the tokens in play) before it reaches a callback or the console. The redactor
 * is built only for a warning to report, never for a header already seen.
 */
export function createChangeWatcher(onWarning: OnWarning | undefined, redactor: () => Redact = () => (text) => text): (response: Response) => void {
  const report = onWarning ?? defaultOnWarning;
  const seen = new Set<string>();
  return (response) => {
    const header = response.headers.get("asana-change");
    if (header === null) return;
    for (const warning of parseAsanaChange(header)) {
      if (seen.has(warning.name)) continue;
      seen.add(warning.name);
      report(redactJson(warning, redactor()));
    }
  };
}
