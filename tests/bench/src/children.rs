//! The native measured clients, each run as a child process of `nango-bench run`
//! (so that they never share a process with the server) and printing one JSON line.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use nango::ops::records::ListRecords;
use nango::webhook::WebhookVerifier;

use crate::stats::load;
use crate::Args;

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

/// One request as the native client sends it (captured by the orchestrator from
/// the server's recorder): the raw floor replays it with a plain reqwest::Client.
struct RawSpec {
    url: String,
    headers: reqwest::header::HeaderMap,
}

fn raw_spec(json: &str) -> Result<RawSpec, String> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("--raw: {e}"))?;
    let url = v["url"].as_str().ok_or("--raw: no url")?.to_owned();
    let mut headers = reqwest::header::HeaderMap::new();
    for pair in v["headers"].as_array().ok_or("--raw: no headers")? {
        let (Some(k), Some(val)) = (pair[0].as_str(), pair[1].as_str()) else {
            return Err("--raw: a header is not [name, value]".into());
        };
        let name = reqwest::header::HeaderName::from_bytes(k.as_bytes())
            .map_err(|e| format!("--raw: {k}: {e}"))?;
        let value =
            reqwest::header::HeaderValue::from_str(val).map_err(|e| format!("--raw: {k}: {e}"))?;
        headers.append(name, value);
    }
    Ok(RawSpec { url, headers })
}

/// `http --client native|raw --op connection|proxy --conc N --count N --warmup N
/// --max-secs S --host URL --key K --pck P --cid C --upstream URL --endpoint /path
/// [--raw JSON]`.
pub fn http(args: &Args) -> Result<(), String> {
    let client = args.req("client")?;
    let op = args.req("op")?;
    let conc = args.num("conc", 1)?.max(1) as usize;
    let count = args.num("count", 1000)? as usize;
    let warmup = args.num("warmup", 200)? as usize;
    let max = Duration::from_secs(args.num("max-secs", 60)?);
    let rt = runtime()?;
    let result = match client.as_str() {
        "native" => {
            // Diagnostics: `--timeout-secs 0` turns the client's per-request timeout
            // off (default: the client's own default, 60 s).
            let mut builder = nango::Nango::builder()
                .api_key(args.req("key")?)
                .host(args.req("host")?);
            if let Some(t) = args.map.get("timeout-secs") {
                let secs: u64 = t.parse().map_err(|_| "--timeout-secs: not a number")?;
                builder = builder.timeout((secs > 0).then(|| Duration::from_secs(secs)));
            }
            let nango = Arc::new(builder.build().map_err(|e| e.to_string())?);
            let (pck, cid) = (Arc::new(args.req("pck")?), Arc::new(args.req("cid")?));
            let upstream = Arc::new(args.or("upstream", ""));
            let endpoint = Arc::new(args.or("endpoint", "/bench/item"));
            let is_proxy = match op.as_str() {
                "connection" => false,
                "proxy" => true,
                other => return Err(format!("unknown --op {other}")),
            };
            let call = move || {
                let (nango, pck, cid) = (nango.clone(), pck.clone(), cid.clone());
                let (upstream, endpoint) = (upstream.clone(), endpoint.clone());
                async move {
                    if is_proxy {
                        nango
                            .get(&endpoint)
                            .provider_config_key(pck.as_str())
                            .connection_id(cid.as_str())
                            .base_url_override(upstream.as_str())
                            .await
                            .map(drop)
                            .map_err(|e| e.to_string())
                    } else {
                        nango
                            .get_connection(&pck, &cid)
                            .await
                            .map(drop)
                            .map_err(|e| e.to_string())
                    }
                }
            };
            rt.block_on(async {
                let call = Arc::new(call);
                let c = call.clone();
                load(conc, warmup, max, move || c()).await;
                load(conc, count, max, move || call()).await
            })
        }
        "raw" => {
            let spec = Arc::new(raw_spec(&args.req("raw")?)?);
            let http = reqwest::Client::new();
            // Diagnostics: `--timeout-secs N` gives every request a timeout, as the client does.
            let timeout = args.num("timeout-secs", 0)?;
            let timeout = (timeout > 0).then(|| Duration::from_secs(timeout));
            let call = move || {
                let (http, spec) = (http.clone(), spec.clone());
                async move {
                    let mut req = http.get(&spec.url).headers(spec.headers.clone());
                    if let Some(t) = timeout {
                        req = req.timeout(t);
                    }
                    let resp = req.send().await.map_err(|e| e.to_string())?;
                    let status = resp.status();
                    resp.bytes().await.map_err(|e| e.to_string())?;
                    if status.is_success() {
                        Ok(())
                    } else {
                        Err(format!("status {status}"))
                    }
                }
            };
            rt.block_on(async {
                let call = Arc::new(call);
                let c = call.clone();
                load(conc, warmup, max, move || c()).await;
                load(conc, count, max, move || call()).await
            })
        }
        other => return Err(format!("unknown --client {other}")),
    };
    println!("{}", result.json());
    Ok(())
}

/// `webhook --body FILE --signature HEX --key KEY --iters N`: verifies the same
/// body `iters` times (after a tenth as warm-up).
pub fn webhook(args: &Args) -> Result<(), String> {
    let body = std::fs::read(args.req("body")?).map_err(|e| e.to_string())?;
    let signature = args.req("signature")?;
    let verifier = WebhookVerifier::new(args.req("key")?);
    let iters = args.num("iters", 10_000)?.max(1) as usize;
    let mut ok = 0usize;
    for _ in 0..iters / 10 {
        ok += usize::from(verifier.verify_signature(&body, &signature).is_ok());
    }
    let start = Instant::now();
    for _ in 0..iters {
        ok += usize::from(
            verifier
                .verify_signature(std::hint::black_box(&body), &signature)
                .is_ok(),
        );
    }
    let secs = start.elapsed().as_secs_f64();
    if ok != iters + iters / 10 {
        return Err("a signature did not verify".into());
    }
    println!(
        "{}",
        serde_json::json!({"iters": iters, "secs": secs, "ops": iters as f64 / secs})
    );
    Ok(())
}

/// VmHWM and VmRSS of this process, in MB.
fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// `stream --host URL --key K --pck P --cid C --model M --limit 1000 --expect N
/// --max-secs S`: walks every record with `records_stream`; prints the time, the
/// peak RSS (VmHWM) and the RSS after the first tenth of the records.
pub fn stream(args: &Args) -> Result<(), String> {
    let nango = nango::Nango::builder()
        .api_key(args.req("key")?)
        .host(args.req("host")?)
        .build()
        .map_err(|e| e.to_string())?;
    let list = ListRecords::new(
        args.req("pck")?.as_str(),
        args.req("cid")?.as_str(),
        args.req("model")?.as_str(),
    )
    .limit(args.num("limit", 1000)? as u32);
    let expect = args.num("expect", 1_000_000)?;
    let max = Duration::from_secs(args.num("max-secs", 300)?);
    let rt = runtime()?;
    let (start_rss, _) = rss_mb();
    let (n, secs, early_rss) = rt.block_on(async {
        let start = Instant::now();
        let records = nango.records_stream::<serde_json::Value>(list);
        futures_util::pin_mut!(records);
        let mut n = 0u64;
        let mut early = f64::NAN;
        while let Some(r) = records.next().await {
            let r = r.map_err(|e| e.to_string())?;
            std::hint::black_box(&r);
            n += 1;
            if n == expect / 10 {
                early = rss_mb().1;
            }
            if n % 1000 == 0 && start.elapsed() > max {
                return Err(format!("stopped after {n} records: over {max:?}"));
            }
        }
        Ok::<_, String>((n, start.elapsed().as_secs_f64(), early))
    })?;
    let (peak, _) = rss_mb();
    println!(
        "{}",
        serde_json::json!({
            "records": n,
            "secs": secs,
            "start_rss_mb": start_rss,
            "early_rss_mb": early_rss,
            "peak_rss_mb": peak,
        })
    );
    Ok(())
}
