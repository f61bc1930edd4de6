//! `nango-bench run`: hosts the server and the upstream, runs every client as a
//! child process, and prints (and optionally writes) the table.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nango_local_server::{LocalServer, Seed, ServerConfig};
use serde_json::{json, Value};

use crate::stats::median;
use crate::Args;

const PCK: &str = "bench";
const CID: &str = "bench-conn";
const MODEL: &str = "Item";
const ENDPOINT: &str = "/bench/item";
/// The webhook signing key given to every verifier (any string works).
const SIGNING_KEY: &str = "0b6f3c7e-8d1a-4c5e-9f2b-6a7d8e9f0a1b";
const MARK_BEGIN: &str = "<!-- bench:begin -->";
const MARK_END: &str = "<!-- bench:end -->";

/// What the upstream answers to every proxied GET (a typical small JSON object).
const UPSTREAM_BODY: &str = r#"{"id":"rec_0001","object":"item","name":"Benchmark item","status":"active","owner":{"id":"usr_42","email":"owner@example.com"},"tags":["alpha","beta","gamma"],"created_at":"2025-01-01T00:00:00.000Z","updated_at":"2025-01-02T00:00:00.000Z"}"#;

struct Plan {
    reps: usize,
    /// (concurrency, measured requests, warm-up requests)
    levels: Vec<(usize, usize, usize)>,
    webhook_iters: Vec<(usize, usize)>,
    records: u64,
    cold_reps: usize,
    stream_reps: usize,
}

impl Plan {
    fn new(quick: bool, reps: usize) -> Plan {
        if quick {
            Plan {
                reps: reps.min(2),
                levels: vec![(1, 300, 50), (32, 3000, 300)],
                webhook_iters: vec![(2 * 1024, 20_000), (64 * 1024, 1_000)],
                records: 100_000,
                cold_reps: 1,
                stream_reps: 1,
            }
        } else {
            Plan {
                reps,
                levels: vec![(1, 2000, 200), (32, 20_000, 2000)],
                webhook_iters: vec![(2 * 1024, 200_000), (64 * 1024, 10_000)],
                records: 1_000_000,
                cold_reps: 5,
                stream_reps: 3,
            }
        }
    }
}

/// Where the programs and files are.
struct Env {
    exe: PathBuf,
    js: PathBuf,
    pkg: PathBuf,
    node: String,
    deno: PathBuf,
    /// Why the wasm rows are not measured, if they are not.
    wasm_missing: Option<String>,
    /// The HTTP clients measured (`--clients`, default all).
    clients: Vec<String>,
    host: String,
    key: String,
    upstream: String,
}

fn abs(p: &str) -> Result<PathBuf, String> {
    std::fs::canonicalize(p).map_err(|e| format!("{p}: {e}"))
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// A child's output: the last stdout line that parses as a JSON object.
fn run_child(mut c: Command, timeout: Duration) -> Result<Value, String> {
    let what = format!("{:?}", c.get_program());
    c.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null());
    let mut child = c.spawn().map_err(|e| format!("{what}: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let mut stderr = child.stderr.take().ok_or("no stderr")?;
    let out_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(s) => break s,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{what} timed out after {timeout:?}"));
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let out = out_thread.join().unwrap_or_default();
    let err = err_thread.join().unwrap_or_default();
    let parsed = out.lines().rev().find_map(|l| {
        serde_json::from_str::<Value>(l.trim())
            .ok()
            .filter(Value::is_object)
    });
    match (status.success(), parsed) {
        (true, Some(v)) if v.get("error").is_none() => Ok(v),
        (_, Some(v)) if v.get("error").is_some() => Err(format!("{what}: {}", v["error"])),
        _ => {
            let tail: String = err.lines().rev().take(6).collect::<Vec<_>>().join(" | ");
            Err(format!("{what} failed ({status}): {tail}"))
        }
    }
}

// ---------------------------------------------------------------------------
// The upstream of the proxy rows.

fn start_upstream() -> Result<String, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("bench-upstream".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            };
            rt.block_on(async move {
                let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                        return;
                    }
                };
                let addr = listener.local_addr().map(|a| a.to_string());
                let _ = tx.send(addr.map_err(|e| e.to_string()));
                let app = axum::Router::new().fallback(|| async {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        UPSTREAM_BODY,
                    )
                });
                let _ = axum::serve(listener, app).await;
            });
        })
        .map_err(|e| e.to_string())?;
    let addr = rx.recv().map_err(|e| e.to_string())??;
    Ok(format!("http://{addr}"))
}

// ---------------------------------------------------------------------------
// Capturing the requests the floors replay.

/// The captured requests, by (who sent it, op): `native` for the raw reqwest floor;
/// `node`, `deno`, `workerd` (the wasm package in that runtime) for the runtime's
/// floors. Each is `{"url": ..., "headers": [[name, value], ...]}`.
type Specs = std::collections::HashMap<(&'static str, &'static str), Value>;

/// The latest recorded request whose path starts with `path_prefix`, as a spec;
/// `skip` names headers left out (the transport sets them itself).
fn recorded(
    server: &LocalServer,
    env: &Env,
    path_prefix: &str,
    skip: &[&str],
) -> Result<Value, String> {
    let req = server
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.path.starts_with(path_prefix))
        .ok_or_else(|| format!("no request to {path_prefix} was recorded"))?;
    let mut url = format!("{}{}", env.host, req.path);
    if let Some(q) = req.query.as_deref().filter(|q| !q.is_empty()) {
        url.push('?');
        url.push_str(q);
    }
    let headers: Vec<Value> = req
        .headers
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| json!([k, v]))
        .collect();
    Ok(json!({"url": url, "headers": headers}))
}

/// What the native client sends, for the raw reqwest floor.
fn capture(server: &LocalServer, env: &Env, specs: &mut Specs) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let nango = nango::Nango::builder()
        .api_key(env.key.clone())
        .host(env.host.clone())
        .build()
        .map_err(|e| e.to_string())?;
    let skip = ["host", "content-length"];
    rt.block_on(nango.get_connection(PCK, CID).send())
        .map_err(|e| format!("get_connection: {e}"))?;
    specs.insert(
        ("native", "connection"),
        recorded(server, env, "/connection", &skip)?,
    );
    rt.block_on(
        nango
            .get(ENDPOINT)
            .provider_config_key(PCK)
            .connection_id(CID)
            .base_url_override(env.upstream.as_str())
            .send(),
    )
    .map_err(|e| format!("proxy GET: {e}"))?;
    specs.insert(("native", "proxy"), recorded(server, env, "/proxy", &skip)?);
    Ok(())
}

/// What the wasm package sends in each runtime (one call of each op, then the
/// recorder), for that runtime's floors: the same URL and every header the package
/// and the runtime's `fetch` put on the wire, so that the floor's `fetch` adds
/// nothing of its own. The connection-level headers are left to the floor's
/// transport (`fetch` refuses to be given most of them).
fn capture_pkg(server: &LocalServer, env: &Env, specs: &mut Specs) -> Result<(), String> {
    let skip = [
        "host",
        "content-length",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "upgrade",
        "te",
    ];
    for (runtime, client) in [
        ("node", Client::WasmNode),
        ("deno", Client::WasmDeno),
        ("workerd", Client::WasmWorkerd),
    ] {
        for (op, prefix) in [("connection", "/connection"), ("proxy", "/proxy")] {
            let run = HttpRun {
                op,
                conc: 1,
                count: 1,
                warmup: 0,
                raw: &Value::Null,
            };
            http_once(env, client, &run).map_err(|e| format!("{runtime} {op}: {e}"))?;
            specs.insert((runtime, op), recorded(server, env, prefix, &skip)?);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The clients.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Client {
    Native,
    Raw,
    Official,
    NodeHttp,
    WasmNode,
    FetchNode,
    WasmDeno,
    FetchDeno,
    WasmWorkerd,
    FetchWorkerd,
}

impl Client {
    /// In the order of the table (and of a run): each runtime's floors beside its rows.
    const HTTP: [Client; 10] = [
        Client::Native,
        Client::Raw,
        Client::Official,
        Client::NodeHttp,
        Client::WasmNode,
        Client::FetchNode,
        Client::WasmDeno,
        Client::FetchDeno,
        Client::WasmWorkerd,
        Client::FetchWorkerd,
    ];

    fn label(self) -> &'static str {
        match self {
            Client::Native => "nango (native Rust)",
            Client::Raw => "raw reqwest (floor)",
            Client::Official => "@nangohq/node (Node)",
            Client::NodeHttp => "node:http keep-alive (Node floor)",
            Client::WasmNode => "wasm pkg (Node)",
            Client::FetchNode => "fetch (Node floor)",
            Client::WasmDeno => "wasm pkg (Deno)",
            Client::FetchDeno => "fetch (Deno floor)",
            Client::WasmWorkerd => "wasm pkg (workerd)",
            Client::FetchWorkerd => "fetch (workerd floor)",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Client::Native => "native",
            Client::Raw => "raw",
            Client::Official => "official",
            Client::NodeHttp => "http-node",
            Client::WasmNode => "wasm-node",
            Client::FetchNode => "fetch-node",
            Client::WasmDeno => "wasm-deno",
            Client::FetchDeno => "fetch-deno",
            Client::WasmWorkerd => "wasm-workerd",
            Client::FetchWorkerd => "fetch-workerd",
        }
    }

    /// Whether the row needs the wasm package: its own rows, and the JS floors,
    /// which replay the package's captured request.
    fn is_wasm(self) -> bool {
        !matches!(self, Client::Native | Client::Raw | Client::Official)
    }

    /// Whose captured request the client replays (its spec's first key).
    fn spec(self) -> &'static str {
        match self {
            Client::Native | Client::Raw => "native",
            Client::Official | Client::NodeHttp | Client::WasmNode | Client::FetchNode => "node",
            Client::WasmDeno | Client::FetchDeno => "deno",
            Client::WasmWorkerd | Client::FetchWorkerd => "workerd",
        }
    }

    /// The `fetch` floor of the client's runtime (none for the native rows).
    fn fetch_floor(self) -> Option<Client> {
        match self.spec() {
            "node" => Some(Client::FetchNode),
            "deno" => Some(Client::FetchDeno),
            "workerd" => Some(Client::FetchWorkerd),
            _ => None,
        }
    }
}

fn node(env: &Env, script: &str, cfg: &Value) -> Command {
    let mut c = Command::new(&env.node);
    c.arg(env.js.join(script)).arg(cfg.to_string());
    c.current_dir(&env.js);
    c.env("NODE_NO_WARNINGS", "1");
    c
}

fn deno(env: &Env, script: &str, cfg: &Value) -> Command {
    let mut c = Command::new(&env.deno);
    c.args([
        "run",
        "--no-check",
        "--no-prompt",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-env",
        "--allow-sys",
    ]);
    c.arg(env.js.join(script)).arg(cfg.to_string());
    c.current_dir(&env.js);
    c.env("DENO_NO_UPDATE_CHECK", "1").env("NO_COLOR", "1");
    c
}

struct HttpRun<'a> {
    op: &'a str,
    conc: usize,
    count: usize,
    warmup: usize,
    raw: &'a Value,
}

fn http_once(env: &Env, client: Client, r: &HttpRun) -> Result<Value, String> {
    let max_secs = 120u64;
    let cfg = json!({
        "op": r.op, "conc": r.conc, "count": r.count, "warmup": r.warmup, "maxSecs": max_secs,
        "host": env.host, "key": env.key, "pck": PCK, "cid": CID,
        "upstream": env.upstream, "endpoint": ENDPOINT,
    });
    let with = |module: String| {
        let mut c = cfg.clone();
        c["module"] = json!(module);
        c
    };
    let timeout = Duration::from_secs(max_secs * 2 + 60);
    let cmd = match client {
        Client::Native | Client::Raw => {
            let mut c = Command::new(&env.exe);
            c.arg("http");
            c.args([
                "--client",
                if client == Client::Native {
                    "native"
                } else {
                    "raw"
                },
            ]);
            c.args(["--op", r.op]);
            c.args(["--conc", &r.conc.to_string()]);
            c.args(["--count", &r.count.to_string()]);
            c.args(["--warmup", &r.warmup.to_string()]);
            c.args(["--max-secs", &max_secs.to_string()]);
            c.args([
                "--host", &env.host, "--key", &env.key, "--pck", PCK, "--cid", CID,
            ]);
            c.args(["--upstream", &env.upstream, "--endpoint", ENDPOINT]);
            c.args(["--raw", &r.raw.to_string()]);
            c
        }
        Client::Official => node(env, "http.mjs", &with("@nangohq/node".into())),
        Client::WasmNode => node(env, "http.mjs", &with(file_url(&env.pkg.join("node.js")))),
        Client::WasmDeno => deno(env, "http.mjs", &with(file_url(&env.pkg.join("deno.js")))),
        Client::NodeHttp | Client::FetchNode | Client::FetchDeno => {
            let mut c = cfg.clone();
            c["raw"] = r.raw.clone();
            match client {
                Client::NodeHttp => node(env, "floor-http.mjs", &c),
                Client::FetchNode => node(env, "floor-fetch.mjs", &c),
                _ => deno(env, "floor-fetch.mjs", &c),
            }
        }
        Client::WasmWorkerd | Client::FetchWorkerd => {
            let mut c = with(String::new());
            c["mode"] = json!("load");
            c["pkg"] = json!(env.pkg.display().to_string());
            if client == Client::FetchWorkerd {
                c["raw"] = r.raw.clone();
            }
            node(env, "workerd.mjs", &c)
        }
    };
    let v = run_child(cmd, timeout)?;
    if v["errors"].as_u64().unwrap_or(0) > 0 {
        return Err(format!("{} of {} requests failed", v["errors"], v["done"]));
    }
    Ok(v)
}

/// Medians over repetitions of one client in one row.
#[derive(Default, Clone)]
struct Samples {
    rps: Vec<f64>,
    p50: Vec<f64>,
    p99: Vec<f64>,
    error: Option<String>,
}

fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        "—".into()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn ratio(a: f64, b: f64) -> String {
    if a.is_nan() || b.is_nan() || b == 0.0 {
        "—".into()
    } else {
        format!("{:.2}×", a / b)
    }
}

fn na(env: &Env, client: Client) -> Option<String> {
    if client.is_wasm() {
        env.wasm_missing.clone()
    } else {
        None
    }
}

/// Every failure shown in the tables: `--strict` (the quick run of `cargo xtask
/// test`) makes them the exit status, so that a broken client fails the run while
/// no timing is ever asserted.
static FAILURES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// A failure as a table cell (and recorded in [`FAILURES`]).
fn short(e: &str) -> String {
    if let Ok(mut f) = FAILURES.lock() {
        f.push(e.to_owned());
    }
    let e = e.replace('|', "/");
    let e: String = e.chars().take(140).collect();
    format!("error: {e}")
}

// ---------------------------------------------------------------------------
// The sections.

fn section_http(env: &Env, plan: &Plan, specs: &Specs, out: &mut String) -> Summary {
    let mut summary = Summary::default();
    let _ = writeln!(
        out,
        "### 1–2. get_connection and proxy GET against the local server\n\n\
         Requests/s and latency (µs), medians of {} runs. c = requests in flight. \
         The floors replay the exact request of the client they stand under (captured from \
         the server's recorder): raw reqwest the native client's; `fetch` and `node:http` \
         the wasm package's in that runtime. \"vs fetch\" is the row over its runtime's \
         `fetch` floor.\n",
        plan.reps
    );
    out.push_str(
        "| call | c | client | req/s | p50 µs | p99 µs | vs @nangohq/node | vs raw reqwest | vs fetch |\n\
         |---|---|---|---|---|---|---|---|---|\n",
    );
    let null = Value::Null;
    for (op, label) in [("connection", "get_connection"), ("proxy", "proxy GET")] {
        for &(conc, count, warmup) in &plan.levels {
            let mut samples: Vec<Samples> = vec![Samples::default(); Client::HTTP.len()];
            for rep in 0..plan.reps {
                for (i, &client) in Client::HTTP.iter().enumerate() {
                    if na(env, client).is_some()
                        || samples[i].error.is_some()
                        || !env.clients.iter().any(|c| c == client.key())
                    {
                        continue;
                    }
                    let run = HttpRun {
                        op,
                        conc,
                        count,
                        warmup,
                        raw: specs.get(&(client.spec(), op)).unwrap_or(&null),
                    };
                    eprintln!(
                        "  {label} c={conc} {} (run {}/{})",
                        client.label(),
                        rep + 1,
                        plan.reps
                    );
                    match http_once(env, client, &run) {
                        Ok(v) => {
                            let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
                            samples[i].rps.push(f("rps"));
                            samples[i].p50.push(f("p50_us"));
                            samples[i].p99.push(f("p99_us"));
                        }
                        Err(e) => {
                            eprintln!("    {e}");
                            samples[i].error = Some(e);
                        }
                    }
                }
            }
            let rps: Vec<f64> = samples.iter().map(|s| median(&s.rps)).collect();
            let at = |c: Client| rps[idx(c)];
            let official = at(Client::Official);
            let floor = at(Client::Raw);
            summary.http.push(HttpRow {
                row: format!("{label} c={conc}"),
                conc,
                rps: rps.clone(),
            });
            for (i, &client) in Client::HTTP.iter().enumerate() {
                let s = &samples[i];
                let first = if i == 0 {
                    format!("| {label} | {conc} |")
                } else {
                    "| | |".to_owned()
                };
                if let Some(why) = na(env, client) {
                    let _ = writeln!(out, "{first} {} | {why} | | | | | |", client.label());
                    continue;
                }
                if let Some(e) = &s.error {
                    let _ = writeln!(out, "{first} {} | {} | | | | | |", client.label(), short(e));
                    continue;
                }
                if s.rps.is_empty() {
                    let _ = writeln!(out, "{first} {} | not measured | | | | | |", client.label());
                    continue;
                }
                let vs_official = if client == Client::Official {
                    "1.00×".into()
                } else {
                    ratio(rps[i], official)
                };
                let vs_raw = match client {
                    Client::Native | Client::Raw | Client::Official => ratio(rps[i], floor),
                    _ => String::new(),
                };
                let vs_fetch = client
                    .fetch_floor()
                    .map_or(String::new(), |f| ratio(rps[i], at(f)));
                let ms_clock = if matches!(client, Client::WasmWorkerd | Client::FetchWorkerd) {
                    " ¹"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{first} {} | {} | {}{ms_clock} | {}{ms_clock} | {vs_official} | {vs_raw} | {vs_fetch} |",
                    client.label(),
                    fmt_num(rps[i]),
                    fmt_num(median(&s.p50)),
                    fmt_num(median(&s.p99)),
                );
            }
        }
    }
    out.push_str(
        "\n¹ workerd's clock only advances on I/O, at millisecond resolution: its latencies are rounded to whole milliseconds; its req/s is timed from Node around the whole loop.\n\n",
    );
    summary
}

/// The position of `c` in [`Client::HTTP`] (the index of its samples).
fn idx(c: Client) -> usize {
    Client::HTTP.iter().position(|&x| x == c).unwrap_or(0)
}

/// A JSON body of exactly `size` bytes, shaped like a forwarded webhook.
fn webhook_body(size: usize) -> Vec<u8> {
    let head = r#"{"from":"nango","type":"forward","connectionId":"bench-conn","providerConfigKey":"bench","payload":{"data":""#;
    let tail = r#""}}"#;
    let mut body = head.as_bytes().to_vec();
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut i = 0usize;
    while body.len() + tail.len() < size {
        body.push(alphabet[(i * 7 + i / 36) % alphabet.len()]);
        i += 1;
    }
    body.extend_from_slice(tail.as_bytes());
    body
}

fn section_webhook(env: &Env, plan: &Plan, out: &mut String) -> Result<Summary, String> {
    let mut summary = Summary::default();
    let dir = std::env::temp_dir().join(format!("nango-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "### 3. Webhook verification (HMAC-SHA256 of the raw body, constant-time compare)\n\n\
         Verifications/s, medians of {} runs.\n\n\
         | body | nango (native Rust) | wasm pkg (Node) | @nangohq/node (Node) | native vs official | wasm vs official |\n\
         |---|---|---|---|---|---|",
        plan.reps
    );
    let mut notes = Vec::new();
    for &(size, iters) in &plan.webhook_iters {
        let body = webhook_body(size);
        let path = dir.join(format!("body-{size}.json"));
        std::fs::write(&path, &body).map_err(|e| e.to_string())?;
        let signature = nango::webhook::sign_payload(SIGNING_KEY.as_bytes(), &body);
        let cfg = |module: String| {
            json!({"module": module, "body": path.display().to_string(), "signature": signature,
                   "key": SIGNING_KEY, "iters": iters})
        };
        let mut results: [(Vec<f64>, Option<String>); 3] = Default::default();
        for rep in 0..plan.reps {
            eprintln!(
                "  webhook {} KB (run {}/{})",
                size / 1024,
                rep + 1,
                plan.reps
            );
            for (i, r) in results.iter_mut().enumerate() {
                if r.1.is_some() || (i == 1 && env.wasm_missing.is_some()) {
                    continue;
                }
                let cmd = match i {
                    0 => {
                        let mut c = Command::new(&env.exe);
                        c.arg("webhook");
                        c.args([
                            "--body",
                            &path.display().to_string(),
                            "--signature",
                            &signature,
                        ]);
                        c.args(["--key", SIGNING_KEY, "--iters", &iters.to_string()]);
                        c
                    }
                    1 => node(env, "webhook.mjs", &cfg(file_url(&env.pkg.join("node.js")))),
                    _ => node(env, "webhook.mjs", &cfg("@nangohq/node".into())),
                };
                match run_child(cmd, Duration::from_secs(300)) {
                    Ok(v) => r.0.push(v["ops"].as_f64().unwrap_or(f64::NAN)),
                    Err(e) => {
                        eprintln!("    {e}");
                        r.1 = Some(e);
                    }
                }
            }
        }
        let m: Vec<f64> = results.iter().map(|r| median(&r.0)).collect();
        let cell = |i: usize| -> String {
            if i == 1 {
                if let Some(why) = &env.wasm_missing {
                    return why.clone();
                }
            }
            match &results[i].1 {
                Some(e) => short(e),
                None => fmt_num(m[i]),
            }
        };
        let wasm_ratio = if env.wasm_missing.is_some() {
            "—".into()
        } else {
            ratio(m[1], m[2])
        };
        let _ = writeln!(
            out,
            "| {} KB | {} | {} | {} | {} | {} |",
            size / 1024,
            cell(0),
            cell(1),
            cell(2),
            ratio(m[0], m[2]),
            wasm_ratio
        );
        summary
            .webhook
            .push((format!("{} KB", size / 1024), m[0] / m[2]));
        notes.push(format!(
            "{} KB: {} µs per verification natively, {} µs for @nangohq/node; bytes hashed: {} MB/s natively, {} MB/s for @nangohq/node (OpenSSL)",
            size / 1024,
            fmt_num(1e6 / m[0]),
            fmt_num(1e6 / m[2]),
            fmt_num(m[0] * size as f64 / 1e6),
            fmt_num(m[2] * size as f64 / 1e6),
        ));
    }
    out.push('\n');
    for n in notes {
        let _ = writeln!(out, "- {n}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    out.push('\n');
    Ok(summary)
}

fn section_stream(env: &Env, plan: &Plan, out: &mut String) -> Summary {
    let mut summary = Summary::default();
    let _ = writeln!(
        out,
        "### 4. Streaming {} records in pages of 1,000\n\n\
         Medians of {} runs. RSS of the client process: after the first tenth of the records, and the peak \
         (VmHWM for native; `process.memoryUsage().rss` sampled every page and every 10 ms for Node).\n\n\
         | client | time s | records/s | RSS at 10% MB | peak RSS MB | growth MB | speed vs @nangohq/node |\n\
         |---|---|---|---|---|---|---|",
        group(plan.records),
        plan.stream_reps
    );
    let clients = [
        ("nango `records_stream` (native Rust)", 0),
        ("wasm pkg `recordsIterator` (Node)", 1),
        ("@nangohq/node `listRecords` cursor loop (Node)", 2),
    ];
    // Per client: times, RSS at 10%, peak RSS, and the error that stopped it.
    type Runs = (Vec<f64>, Vec<f64>, Vec<f64>, Option<String>);
    let mut res: Vec<Runs> = vec![Default::default(); 3];
    for rep in 0..plan.stream_reps {
        for (label, i) in clients {
            if res[i].3.is_some() || (i == 1 && env.wasm_missing.is_some()) {
                continue;
            }
            eprintln!("  stream {label} (run {}/{})", rep + 1, plan.stream_reps);
            let cfg = |module: String| {
                json!({"module": module, "host": env.host, "key": env.key, "pck": PCK, "cid": CID,
                       "model": MODEL, "limit": 1000, "expect": plan.records, "maxSecs": 300})
            };
            let cmd = match i {
                0 => {
                    let mut c = Command::new(&env.exe);
                    c.arg("stream");
                    c.args([
                        "--host", &env.host, "--key", &env.key, "--pck", PCK, "--cid", CID,
                    ]);
                    c.args(["--model", MODEL, "--limit", "1000"]);
                    c.args(["--expect", &plan.records.to_string(), "--max-secs", "300"]);
                    c
                }
                1 => node(env, "stream.mjs", &cfg(file_url(&env.pkg.join("node.js")))),
                _ => node(env, "stream.mjs", &cfg("@nangohq/node".into())),
            };
            match run_child(cmd, Duration::from_secs(360)) {
                Ok(v) if v["records"].as_u64() == Some(plan.records) => {
                    let f = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
                    res[i].0.push(f("secs"));
                    res[i].1.push(f("early_rss_mb"));
                    res[i].2.push(f("peak_rss_mb"));
                }
                Ok(v) => res[i].3 = Some(format!("read {} records", v["records"])),
                Err(e) => {
                    eprintln!("    {e}");
                    res[i].3 = Some(e);
                }
            }
        }
    }
    let official = median(&res[2].0);
    for (label, i) in clients {
        if i == 1 {
            if let Some(why) = &env.wasm_missing {
                let _ = writeln!(out, "| {label} | {why} | | | | | |");
                continue;
            }
        }
        if let Some(e) = &res[i].3 {
            let _ = writeln!(out, "| {label} | {} | | | | | |", short(e));
            continue;
        }
        let t = median(&res[i].0);
        let (early, peak) = (median(&res[i].1), median(&res[i].2));
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} | {} |",
            fmt_num(t),
            fmt_num(plan.records as f64 / t),
            fmt_num(early),
            fmt_num(peak),
            fmt_num(peak - early),
            ratio(official, t),
        );
        summary.stream.push((label.to_owned(), early, peak, t));
    }
    out.push('\n');
    summary
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn section_size_cold(env: &Env, plan: &Plan, out: &mut String) -> Summary {
    let mut summary = Summary::default();
    out.push_str("### 5. Package size and cold start\n\n");
    let cfg = json!({"pkg": env.pkg.display().to_string(), "wasm": env.wasm_missing.is_none()});
    match run_child(node(env, "size.mjs", &cfg), Duration::from_secs(120)) {
        Ok(v) => {
            let kb = |p: &Value| {
                p.as_f64()
                    .map_or("—".into(), |b| format!("{:.1}", b / 1000.0))
            };
            out.push_str("| package | raw KB | gzip -9 KB |\n|---|---|---|\n");
            if let Some(why) = &env.wasm_missing {
                let _ = writeln!(out, "| wasm pkg (.wasm + JS glue) | {why} | |");
            } else {
                for (label, k) in [
                    ("wasm pkg: .wasm + JS as shipped (workerd entry)", "pkg"),
                    ("  of which .wasm", "pkg_wasm"),
                    ("  of which JS", "pkg_js"),
                    (
                        "wasm pkg: .wasm + JS bundled by esbuild from the workerd entry",
                        "pkg_min",
                    ),
                ] {
                    let _ = writeln!(
                        out,
                        "| {label} | {} | {} |",
                        kb(&v[k]["raw"]),
                        kb(&v[k]["gzip"])
                    );
                }
            }
            let _ = writeln!(
                out,
                "| @nangohq/node 0.71.10 bundled by esbuild (--bundle --minify, platform node) | {} | {} |",
                kb(&v["official"]["raw"]),
                kb(&v["official"]["gzip"])
            );
            if env.wasm_missing.is_none() {
                let (p, o) = (v["pkg"]["gzip"].as_f64(), v["official"]["gzip"].as_f64());
                let (pr, or) = (v["pkg"]["raw"].as_f64(), v["official"]["raw"].as_f64());
                if let (Some(p), Some(o), Some(pr), Some(or)) = (p, o, pr, or) {
                    let _ = writeln!(
                        out,
                        "\nwasm pkg / official bundle: {:.2}× raw, {:.2}× gzip.",
                        pr / or,
                        p / o
                    );
                    summary.size = Some((pr / or, p / o));
                }
            }
        }
        Err(e) => {
            let _ = writeln!(out, "size: {}", short(&e));
        }
    }
    let _ = writeln!(
        out,
        "\nCold start: a fresh process (or workerd instance) each time; module load, wasm compile and \
         instantiate, constructor, then the first `getConnection` answered. Medians of {} runs, ms.\n\n\
         | runtime | wasm pkg | @nangohq/node | note |\n|---|---|---|---|",
        plan.cold_reps
    );
    let cold = |cmd: &dyn Fn() -> Command| -> Result<f64, String> {
        let mut v = Vec::new();
        for _ in 0..plan.cold_reps {
            let r = run_child(cmd(), Duration::from_secs(120))?;
            v.push(r["ms"].as_f64().unwrap_or(f64::NAN));
        }
        Ok(median(&v))
    };
    let base = json!({"host": env.host, "key": env.key, "pck": PCK, "cid": CID});
    let with = |module: String| {
        let mut c = base.clone();
        c["module"] = json!(module);
        c
    };
    let cell = |r: Result<f64, String>| match r {
        Ok(v) => fmt_num(v),
        Err(e) => short(&e),
    };
    let wasm_or = |f: &dyn Fn() -> Result<f64, String>| match &env.wasm_missing {
        Some(why) => why.clone(),
        None => cell(f()),
    };
    eprintln!("  cold start (Node, Deno, workerd)");
    let node_wasm =
        wasm_or(&|| cold(&|| node(env, "cold.mjs", &with(file_url(&env.pkg.join("node.js"))))));
    let node_off = cell(cold(&|| {
        node(env, "cold.mjs", &with("@nangohq/node".into()))
    }));
    let _ = writeln!(
        out,
        "| Node {} | {node_wasm} | {node_off} | timed from the script's first line |",
        version(&env.node)
    );
    let deno_wasm =
        wasm_or(&|| cold(&|| deno(env, "cold.mjs", &with(file_url(&env.pkg.join("deno.js"))))));
    let deno_off = cell(cold(&|| {
        deno(env, "cold.mjs", &with("@nangohq/node".into()))
    }));
    let _ = writeln!(
        out,
        "| Deno {} | {deno_wasm} | {deno_off} | timed from the script's first line |",
        version(&env.deno.display().to_string())
    );
    let mut wcfg = base.clone();
    wcfg["mode"] = json!("cold");
    wcfg["pkg"] = json!(env.pkg.display().to_string());
    let workerd = match &env.wasm_missing {
        Some(why) => (why.clone(), String::new()),
        None => {
            let mut totals = Vec::new();
            let mut bases = Vec::new();
            let mut err = None;
            for _ in 0..plan.cold_reps {
                match run_child(node(env, "workerd.mjs", &wcfg), Duration::from_secs(120)) {
                    Ok(v) => {
                        totals.push(v["ms"].as_f64().unwrap_or(f64::NAN));
                        bases.push(v["baseline_ms"].as_f64().unwrap_or(f64::NAN));
                    }
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            match err {
                Some(e) => (short(&e), String::new()),
                None => {
                    let (t, b) = (median(&totals), median(&bases));
                    (
                        format!("{} (+{} over an empty worker)", fmt_num(t), fmt_num(t - b)),
                        format!("workerd start to first response, via Miniflare; an empty worker making the same fetch: {} ms", fmt_num(b)),
                    )
                }
            }
        }
    };
    let _ = writeln!(
        out,
        "| workerd (Miniflare 4) | {} | n/a (needs nodejs_compat) | {} |",
        workerd.0, workerd.1
    );
    out.push('\n');
    summary
}

fn version(program: &str) -> String {
    Command::new(program)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .and_then(|s| {
            s.split_whitespace()
                .find(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit() || c == 'v')
                })
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

/// One HTTP row's median req/s per client (indexed like [`Client::HTTP`]; NaN when
/// not measured).
struct HttpRow {
    row: String,
    conc: usize,
    rps: Vec<f64>,
}

/// Ratios checked against the targets.
#[derive(Default)]
struct Summary {
    http: Vec<HttpRow>,
    /// (body, native/official)
    webhook: Vec<(String, f64)>,
    /// (client, early RSS, peak RSS, seconds)
    stream: Vec<(String, f64, f64, f64)>,
    /// (raw, gzip) pkg/official
    size: Option<(f64, f64)>,
}

/// Memory stays flat while streaming: the peak at most this far over the RSS after
/// the first tenth of the records (V8's heap headroom; see BENCHMARKS.md).
const FLAT_MB: f64 = 32.0;

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "**no**"
    }
}

fn targets(s: &Summary, out: &mut String) {
    out.push_str("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
    for h in &s.http {
        let vs_off = h.rps[idx(Client::Native)] / h.rps[idx(Client::Official)];
        if !vs_off.is_nan() {
            let _ = writeln!(
                out,
                "| native ≥ 3× @nangohq/node, {} | {vs_off:.2}× | {} |",
                h.row,
                yes(vs_off >= 3.0)
            );
        }
    }
    for (body, r) in s.webhook.iter().filter(|(_, r)| !r.is_nan()) {
        let _ = writeln!(
            out,
            "| webhook verification native ≥ 3× @nangohq/node, {body} | {r:.2}× | {} |",
            yes(*r >= 3.0)
        );
    }
    for (client, early, peak, _) in s.stream.iter().filter(|(c, ..)| !c.contains("@nangohq")) {
        let growth = peak - early;
        let _ = writeln!(
            out,
            "| flat memory while streaming, {client} | peak {} MB, {} MB over the RSS at 10% | {} |",
            fmt_num(*peak),
            fmt_num(growth),
            yes(growth < FLAT_MB)
        );
    }
    if let Some((raw, gz)) = s.size {
        let _ = writeln!(
            out,
            "| wasm pkg smaller than the official bundle | {raw:.2}× raw, {gz:.2}× gzip | {} |",
            yes(gz < 1.0 && raw < 1.0)
        );
    }
    out.push('\n');
    goals(s, out);
}

/// The goals against each runtime's floor (issue 24), as ratios of the medians of
/// this run: a goal whose rows were not measured is left out.
fn goals(s: &Summary, out: &mut String) {
    let mut rows = Vec::new();
    let mut goal = |what: String, r: f64, min: f64| {
        if !r.is_nan() {
            rows.push(format!("| {what} | {r:.2}× | {} |", yes(r >= min)));
        }
    };
    for h in &s.http {
        let at = |c: Client| h.rps[idx(c)];
        goal(
            format!("native ≥ 0.9× raw reqwest, {}", h.row),
            at(Client::Native) / at(Client::Raw),
            0.9,
        );
        for (pkg, runtime) in [
            (Client::WasmNode, "Node"),
            (Client::WasmDeno, "Deno"),
            (Client::WasmWorkerd, "workerd"),
        ] {
            if let Some(floor) = pkg.fetch_floor() {
                goal(
                    format!("wasm pkg ≥ 0.9× fetch in {runtime}, {}", h.row),
                    at(pkg) / at(floor),
                    0.9,
                );
            }
        }
        if h.conc == 1 || h.conc == 32 {
            goal(
                format!("wasm pkg ≥ 1.0× @nangohq/node in Node, {}", h.row),
                at(Client::WasmNode) / at(Client::Official),
                1.0,
            );
        }
    }
    let find = |part: &str| s.stream.iter().find(|(c, ..)| c.contains(part));
    if let (Some(pkg), Some(official)) = (find("recordsIterator"), find("@nangohq")) {
        let speed = official.3 / pkg.3;
        let growth = pkg.2 - pkg.1;
        if !speed.is_nan() {
            rows.push(format!(
                "| streaming: wasm pkg `recordsIterator` ≥ 1.2× the @nangohq/node loop in Node, memory flat | {speed:.2}×, {} MB over the RSS at 10% | {} |",
                fmt_num(growth),
                yes(speed >= 1.2 && growth < FLAT_MB)
            ));
        }
    }
    if rows.is_empty() {
        return;
    }
    out.push_str("### Goals against the floors\n\n| goal | measured | met |\n|---|---|---|\n");
    for r in rows {
        out.push_str(&r);
        out.push('\n');
    }
    out.push('\n');
}

fn machine(env: &Env) -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or("?".into(), |kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0));
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {mem}, Linux {}; {rustc}; Node {}; Deno {}; load average at start {}",
        kernel.trim(),
        version(&env.node),
        version(&env.deno.display().to_string()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// Replaces the text between the markers of `path` with `table`.
fn write_into(path: &Path, table: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (Some(a), Some(b)) = (text.find(MARK_BEGIN), text.find(MARK_END)) else {
        return Err(format!(
            "{} has no {MARK_BEGIN} … {MARK_END} markers",
            path.display()
        ));
    };
    let new = format!("{}{MARK_BEGIN}\n{table}{}", &text[..a], &text[b..]);
    std::fs::write(path, new).map_err(|e| e.to_string())
}

/// `run --js DIR --pkg DIR [--out BENCHMARKS.md] [--reps N] [--quick] [--strict]
/// [--only http,webhook,stream,size] [--clients native,raw,official,http-node,wasm-node,
/// fetch-node,wasm-deno,fetch-deno,wasm-workerd,fetch-workerd]`.
pub fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    // --quick proves that every client and section runs (it is part of `cargo xtask
    // test`): one repetition unless asked, so that it stays within about 2 minutes.
    let quick = args.flag("quick");
    let reps = args.num("reps", if quick { 1 } else { 3 })?.max(1) as usize;
    let plan = Plan::new(quick, reps);
    let only = args.or("only", "http,webhook,stream,size");
    let js = abs(&args.or("js", "tests/bench/js"))?;
    let pkg = abs(&args.or("pkg", "pkg"))?;
    if !js.join("node_modules/@nangohq/node").exists() {
        return Err(format!(
            "{}/node_modules is missing: run `npm ci` there",
            js.display()
        ));
    }
    // A snapshot of pkg/, so that a rebuild during the run cannot change what is measured.
    let snapshot = std::env::temp_dir().join(format!("nango-bench-pkg-{}", std::process::id()));
    let wasm_missing = if args.flag("no-wasm") {
        Some("n/a (skipped)".to_owned())
    } else if package_complete(&pkg) {
        copy_dir(&pkg, &snapshot).map_err(|e| format!("copying {}: {e}", pkg.display()))?;
        package_complete(&snapshot)
            .then_some(())
            .map_or(Some("n/a (package not built)".to_owned()), |()| None)
    } else {
        Some("n/a (package not built)".to_owned())
    };
    let pkg = if wasm_missing.is_none() {
        snapshot.clone()
    } else {
        pkg
    };

    let (server, upstream) = start_server(plan.records)?;
    let mut env = Env {
        exe: std::env::current_exe().map_err(|e| e.to_string())?,
        deno: js.join("node_modules/.bin/deno"),
        js,
        pkg,
        node: "node".into(),
        wasm_missing,
        clients: args
            .or(
                "clients",
                "native,raw,official,http-node,wasm-node,fetch-node,wasm-deno,fetch-deno,wasm-workerd,fetch-workerd",
            )
            .split(',')
            .map(str::to_owned)
            .collect(),
        host: server.base_url(),
        key: server.api_key(),
        upstream,
    };
    let mut specs = Specs::new();
    capture(&server, &env, &mut specs)?;
    if env.wasm_missing.is_none() {
        // A smoke call decides whether the package works at all.
        let cfg = json!({"op": "connection", "conc": 1, "count": 1, "warmup": 0, "maxSecs": 30,
            "host": env.host, "key": env.key, "pck": PCK, "cid": CID, "upstream": env.upstream,
            "endpoint": ENDPOINT, "module": file_url(&env.pkg.join("node.js"))});
        if let Err(e) = run_child(node(&env, "http.mjs", &cfg), Duration::from_secs(60)) {
            eprintln!("the wasm package does not load: {e}");
            env.wasm_missing = Some(format!("n/a (package does not load: {})", short(&e)));
        }
    }
    if env.wasm_missing.is_none() && only.contains("http") {
        // The floors of Node, Deno and workerd replay what the package sends there.
        if let Err(e) = capture_pkg(&server, &env, &mut specs) {
            eprintln!("capturing the package's requests: {e}");
            env.wasm_missing = Some(format!("n/a (capture failed: {})", short(&e)));
        }
    }
    eprintln!("nango-bench: server {} upstream {}", env.host, env.upstream);

    let mut out = String::new();
    let _ = writeln!(out, "Machine: {}.\n", machine(&env));
    let mut summary = Summary::default();
    if only.contains("http") {
        let s = section_http(&env, &plan, &specs, &mut out);
        summary.http = s.http;
    }
    if only.contains("webhook") {
        summary.webhook = section_webhook(&env, &plan, &mut out)?.webhook;
    }
    if only.contains("stream") {
        summary.stream = section_stream(&env, &plan, &mut out).stream;
    }
    if only.contains("size") {
        summary.size = section_size_cold(&env, &plan, &mut out).size;
    }
    targets(&summary, &mut out);
    let _ = writeln!(
        out,
        "Whole run: {:.0} s{}.\n",
        started.elapsed().as_secs_f64(),
        if args.flag("quick") {
            " (--quick: reduced counts)"
        } else {
            ""
        }
    );
    println!("\n{out}");
    if args.flag("strict") {
        let mut failures = FAILURES.lock().map(|f| f.clone()).unwrap_or_default();
        if let Some(why) = env.wasm_missing.as_ref().filter(|w| !w.contains("skipped")) {
            failures.push(format!("the wasm package: {why}"));
        }
        if !failures.is_empty() {
            return Err(format!(
                "--strict: {} measurement(s) failed: {}",
                failures.len(),
                failures.join(" / ")
            ));
        }
    }
    if let Some(path) = args.map.get("out") {
        write_into(Path::new(path), &out)?;
        eprintln!("nango-bench: table written into {path}");
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&snapshot);
    Ok(())
}

/// `serve [--records N] [--max-secs S]`: the same server and upstream as `run`,
/// for profiling one client by hand; prints `{host, key, upstream, pck, cid, model}`
/// and stops after `max-secs` (default 600).
pub fn serve(args: &Args) -> Result<(), String> {
    let (server, upstream) = start_server(args.num("records", 1000)?)?;
    println!(
        "{}",
        json!({"host": server.base_url(), "key": server.api_key(), "upstream": upstream,
               "pck": PCK, "cid": CID, "model": MODEL, "endpoint": ENDPOINT})
    );
    std::thread::sleep(Duration::from_secs(args.num("max-secs", 600)?));
    Ok(())
}

fn start_server(records: u64) -> Result<(LocalServer, String), String> {
    let seed: Seed = serde_json::from_value(json!({
        "integrations": [{"unique_key": PCK, "provider": "airtable-pat"}],
        "connections": [{"provider_config_key": PCK, "connection_id": CID,
                         "credentials": {"type": "API_KEY", "apiKey": "pat_bench_0123456789"}}],
    }))
    .map_err(|e| e.to_string())?;
    let server = LocalServer::start_in_background(
        ServerConfig::default()
            .seed(seed)
            .rate_limit(1_000_000_000)
            .max_recorded_requests(64),
    )
    .map_err(|e| format!("local server: {e}"))?;
    server.generate_records(PCK, CID, MODEL, None, records);
    Ok((server, start_upstream()?))
}

/// Whether `pkg` holds a built package: the entries, a non-empty .wasm and the glue.
fn package_complete(pkg: &Path) -> bool {
    let non_empty = |p: &str| std::fs::metadata(pkg.join(p)).is_ok_and(|m| m.len() > 0);
    ["node.js", "deno.js", "workerd.js", "package.json"]
        .iter()
        .chain(&["dist/nango_wasm_bg.wasm", "dist/nango.js"])
        .all(|p| non_empty(p))
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_bodies_have_the_exact_size_and_are_json() {
        for size in [2048, 65536] {
            let body = webhook_body(size);
            assert_eq!(body.len(), size);
            assert!(serde_json::from_slice::<Value>(&body).is_ok());
        }
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group(1_000_000), "1,000,000");
        assert_eq!(group(100), "100");
    }
}
