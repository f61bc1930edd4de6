// The package as a Deno project installs it (`cargo xtask wasm-test`, `deno_install`
// in xtask/src/wasm.rs): copied into a project that installed pkg/ from its folder
// (`deno install` of a `file:` dependency) or from its `npm pack` tarball, then
// `deno check`ed and run there (`deno run --allow-read`, no network permission:
// nothing is sent).
//
// `deno check` fails when the package's declarations do not resolve: a class
// typed with no methods fails the typed calls below, and one typed as `any` (or
// with untyped arguments) leaves a `@ts-expect-error` unused, which is an error.
import { Nango, NangoError } from 'nango-wasm';
import type { Connection, ListRecordsRequestConfig, NangoErrorKind } from 'nango-wasm';

const nango = new Nango({ apiKey: 'deno-install-key' });

/** Typed calls: type-checked only, never called (they would send requests). */
export async function typed(): Promise<string> {
  const c: Connection = await nango.getConnection('github', 'user-1');
  const id: string = c.connection_id;
  const { connections } = await nango.listConnections({ integrationId: 'github', limit: 10 });
  const first: string | undefined = connections[0]?.provider_config_key;
  const config: ListRecordsRequestConfig = { providerConfigKey: 'github', connectionId: id, model: 'Issue' };
  const { records, next_cursor } = await nango.listRecords<{ title: string }>(config);
  const title: string | undefined = records[0]?.title;
  // @ts-expect-error: an integration id is a string
  await nango.getConnection(1, 'user-1');
  // @ts-expect-error: a connection id is a string, not a number
  const wrong: number = c.connection_id;
  // @ts-expect-error: the class has no such method
  await nango.getConnections('github');
  return `${id} ${first} ${title} ${next_cursor} ${wrong}`;
}

// What runs: bad input is refused before anything is sent, and the names survive
// the build's minifier.
let refused: unknown;
try {
  await nango.getConnection('', 'user-1');
} catch (e) {
  refused = e;
}
if (!(refused instanceof NangoError)) throw new Error(`not a NangoError: ${refused}`);
const kind: NangoErrorKind = refused.kind;
if (kind !== 'invalid_input') throw new Error(`kind: ${kind}`);
const names = [Nango.name, nango.constructor.name, refused.name, refused.constructor.name].join(' ');
if (names !== 'Nango Nango NangoError NangoError') throw new Error(`names: ${names}`);
console.log('deno-install: ok');
