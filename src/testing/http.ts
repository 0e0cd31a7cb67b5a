/** Asana-shaped responses and the error type route handlers throw. */

export const HELP =
  "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors";

/** Thrown by handlers; the router turns it into Asana's `{errors: [...]}` body. */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (kind: string, gid: string) => new HttpError(404, `${kind}: Unknown object: ${gid}`);

export function json(status: number, body: unknown, headers: Record<string, string> = {}, pretty = false): Response {
  return new Response(pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=UTF-8", ...headers },
  });
}

export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  // Only 500s carry a phrase, the thing users quote to Asana support.
  const error = status === 500 ? { message, help: HELP, phrase: phrase() } : { message, help: HELP };
  return json(status, { errors: [error] }, headers);
}

export const TOO_MANY = "You have made too many requests recently. Please, be chill.";

const NUMBERS = ["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
const ADJECTIVES = ["sad", "happy", "sleepy", "brave", "tiny", "quick", "shy", "noisy", "calm", "fuzzy"];
const NOUNS = ["squid", "otters", "pandas", "moose", "ferrets", "herons", "lemurs", "yaks", "newts", "geese"];
const VERBS = ["snuggle", "wander", "giggle", "juggle", "sneeze", "dance", "whistle", "ponder", "paddle", "hum"];
const ADVERBS = ["softly", "boldly", "quietly", "wildly", "gently", "slowly", "oddly", "warmly", "madly", "calmly"];

let phraseCounter = 0;
/** "6 sad squid snuggle softly": a fresh, deterministic phrase for every 500. */
export function phrase(): string {
  const n = phraseCounter++;
  const pick = (words: string[], k: number) => words[Math.floor(n / k) % words.length]!;
  return `${pick(NUMBERS, 1)} ${pick(ADJECTIVES, 3)} ${pick(NOUNS, 7)} ${pick(VERBS, 11)} ${pick(ADVERBS, 13)}`;
}
