// Runs the conformance scenario with a JavaScript `Nango` class (the official SDK's,
// or the wasm package's) and writes what happened at each step:
//   {step id: {outcome: ok|error|refused|missing, returned?, error?, requests: [raw]}}
// The requests are the server's records (GET /_admin/requests), unnormalised: the
// comparator (tests/native/tests/conformance.rs) normalises every client the same way.
//
// Usage: node run-official.mjs|run-wasm.mjs --scenario resolved.json --server URL --out out.json
// The scenario's static placeholders ($host, $apiKey, $upstream, signatures) are resolved by
// the caller; this resolves {"$ref": step, "path": "a.b"} and {"$undefined": true}.
import { readFileSync, writeFileSync } from 'node:fs';

export function parseArgs(argv) {
    const out = {};
    for (let i = 0; i < argv.length; i += 2) {
        out[argv[i].replace(/^--/, '')] = argv[i + 1];
    }
    for (const k of ['scenario', 'server', 'out']) {
        if (!out[k]) {
            throw new Error(`missing --${k}`);
        }
    }
    return out;
}

function dig(value, path) {
    let v = value;
    for (const part of path ? path.split('.') : []) {
        v = v == null ? undefined : v[part];
    }
    return v;
}

function resolve(value, returned) {
    if (Array.isArray(value)) {
        return value.map((v) => resolve(v, returned));
    }
    if (value && typeof value === 'object') {
        if (value.$undefined) {
            return undefined;
        }
        if ('$ref' in value) {
            return dig(returned[value.$ref], value.path);
        }
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = resolve(v, returned);
        }
        return out;
    }
    return value;
}

function isResponse(v) {
    return v && typeof v === 'object' && typeof v.status === 'number' && 'data' in v && 'headers' in v && 'statusText' in v;
}

// JSON-safe form of a returned value: axios(-like) responses become {$response: {status, data}}.
function shape(v) {
    if (v === undefined) {
        return null;
    }
    if (isResponse(v)) {
        let data = v.data;
        if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
            data = Buffer.from(data).toString('utf8');
        }
        return { $response: { status: v.status, data: data === undefined ? null : data } };
    }
    return JSON.parse(JSON.stringify(v));
}

function errorOf(e) {
    // axios: e.response; the wasm package's NangoError: e.status / e.code.
    const status = e?.response?.status ?? e?.status;
    if (typeof status === 'number') {
        const body = e?.response?.data;
        const code = body?.error?.code ?? (typeof e?.code === 'string' && !e?.response ? e.code : null) ?? null;
        return { status, code };
    }
    return { message: String(e?.message ?? e) };
}

/**
 * Waits (up to 10 s) until the async action `ref` names ({id} or {statusUrl}) has
 * finished. The server runs it in a task of its own after answering 202: read at once,
 * its result could be "still running" for one client and the output for another. The
 * wait happens before the step's request record starts.
 */
async function settleAsyncAction(server, apiKey, ref) {
    const path = ref?.statusUrl ?? (ref?.id ? `/action/${ref.id}` : undefined);
    if (typeof path !== 'string') {
        return;
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
        const res = await fetch(new URL(path, server), { headers: { authorization: `Bearer ${apiKey}` } });
        await res.arrayBuffer();
        if (res.status !== 404) {
            return;
        }
        if (Date.now() > deadline) {
            throw new Error(`the async action at ${path} was still running after 10 s`);
        }
        await new Promise((r) => setTimeout(r, 20));
    }
}

export async function run({ Nango, argv }) {
    const args = parseArgs(argv);
    const scenario = JSON.parse(readFileSync(args.scenario, 'utf8'));
    // The admin API needs the server's API key.
    const adminKey = { authorization: `Bearer ${scenario.apiKey}` };
    const admin = async (method) => {
        const r = await fetch(`${args.server}/_admin/requests`, { method, headers: adminKey });
        return method === 'GET' ? (await r.json()).requests : null;
    };
    await fetch(`${args.server}/_admin/reset`, { method: 'POST', headers: adminKey });
    const returned = {};
    const results = {};
    for (const step of scenario.steps) {
        const stepArgs = resolve(step.args ?? [], returned);
        if (step.method === 'getAsyncActionResult') {
            await settleAsyncAction(args.server, scenario.apiKey, stepArgs[0]);
        }
        await admin('DELETE');
        const result = {};
        let value;
        try {
            if (!Nango) {
                result.outcome = 'missing';
            } else if (step.method === 'constructor') {
                // eslint-disable-next-line no-new
                new Nango(stepArgs[0]);
                result.outcome = 'ok';
            } else {
                const config = { apiKey: scenario.apiKey, host: args.server, ...resolve(step.client ?? {}, returned) };
                for (const [k, v] of Object.entries(config)) {
                    if (v === null) {
                        delete config[k];
                    }
                }
                const nango = new Nango(config);
                const fn = nango[step.method];
                if (typeof fn !== 'function') {
                    result.outcome = 'missing';
                } else {
                    value = await fn.apply(nango, stepArgs);
                    result.outcome = 'ok';
                    result.returned = shape(value);
                    returned[step.id] = value?.data !== undefined && isResponse(value) ? value.data : value;
                }
            }
        } catch (e) {
            result.outcome = 'error';
            result.error = errorOf(e);
        }
        result.requests = await admin('GET');
        if (result.outcome === 'error' && result.requests.length === 0 && result.error.status === undefined) {
            result.outcome = 'refused';
            result.message = result.error.message;
            delete result.error;
        }
        results[step.id] = result;
    }
    writeFileSync(args.out, JSON.stringify(results, null, 1));
}
