// Types of every entry (node, deno, browser, workerd): the class and the option and
// result types from the generated declarations, and the error class of the shim.
import type { AdminAxiosProps, HttpResponse, NangoErrorKind, NangoMethods, NangoProps, ValidationIssue } from './dist/types.js';

export type * from './dist/types.js';
// The values @nangohq/node exports too (see compat.d.ts).
export { prodHost, getUserAgent, SyncConfigType, AuthModes } from './dist/types.js';

/** A Nango API client: the methods of @nangohq/node (see `NangoMethods`). */
export interface Nango extends NangoMethods {}

/** A Nango API client: the methods of @nangohq/node (see `NangoMethods`). */
export declare class Nango {
  /** Throws a `NangoError` (`invalid_input`) when both keys or neither are given, or when `host` is not an http(s) URL. */
  constructor(config: NangoProps, admin?: AdminAxiosProps);
  /** The host requests go to (without a trailing `/`), as `serverUrl` in the official SDK. */
  readonly serverUrl: string;
  /** The default connection id of the proxy (`''` when none). */
  readonly connectionId: string;
  /** The default integration id of the proxy (`''` when none). */
  readonly providerConfigKey: string;
  /** Releases the client's WebAssembly memory now (it is otherwise released when the object is collected). */
  free(): void;
}

/** The error every `Nango` method throws or rejects with. */
export declare class NangoError extends Error {
  readonly name: 'NangoError';
  /** What went wrong: bad arguments, no response, too slow, an API error, an unreadable answer, cancelled. */
  kind: NangoErrorKind;
  /** The HTTP status (API and decode errors). */
  status?: number;
  /** The API's error code (`not_found`, `invalid_body`...). */
  code?: string;
  /** Validation issues of a 400 answer. */
  errors?: ValidationIssue[];
  /** Seconds to wait, from `Retry-After` (429). */
  retryAfter?: number;
  /** The response body, the client's secrets redacted (not enumerable: `JSON.stringify(err)` leaves it out). */
  body?: string;
  /** The response headers (lowercase names; secrets redacted; not enumerable). */
  headers?: Record<string, string>;
  /** `error.payload` of the answer, when any (secrets redacted; not enumerable). */
  payload?: unknown;
  /** The answer as axios shaped it, for code written for @nangohq/node (`err.response.status`; secrets redacted; not enumerable). */
  response?: Omit<HttpResponse<unknown>, 'statusText'>;
  /** The body exactly as the server sent it, secrets it echoed included: never log it. */
  unredactedBody(): string | undefined;
}
