//! `nango-local-server`: serves the in-memory Nango API until SIGTERM or ctrl-c.
//!
//! Prints `listening on http://127.0.0.1:PORT api_key=<key>` on stdout once ready. The key
//! is also what the admin API (`/_admin/...`) needs: `Authorization: Bearer <key>`.

use std::io::Write;

use nango_local_server::{LocalServer, Seed, ServerConfig};

const USAGE: &str = "usage: nango-local-server [--port N] [--host 127.0.0.1] [--api-key UUID] [--seed path.json|demo] [--rate-limit N] [--webhook-url URL] [--webhook-signing-key KEY] [--allow-origin ORIGIN]... [--allow-host NAME]... [--max-body-bytes N] [--max-json-bytes N]";

fn parse_args() -> Result<ServerConfig, String> {
    let mut cfg = ServerConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{flag} needs a value"))
        };
        cfg = match flag.as_str() {
            "--port" => cfg.port(value()?.parse().map_err(|_| "--port: not a port number")?),
            "--host" => cfg.host(value()?),
            "--api-key" => cfg.api_key(value()?),
            "--seed" => {
                let v = value()?;
                let seed = if v == "demo" {
                    Seed::demo()
                } else {
                    Seed::from_file(&v).map_err(|e| format!("--seed {v}: {e}"))?
                };
                cfg.seed(seed)
            }
            "--rate-limit" => {
                cfg.rate_limit(value()?.parse().map_err(|_| "--rate-limit: not a number")?)
            }
            "--webhook-url" => cfg.webhook_url(value()?),
            "--webhook-signing-key" => cfg.webhook_signing_key(value()?),
            "--allow-origin" => cfg.allow_origin(value()?),
            "--allow-host" => cfg.allow_host(value()?),
            "--max-body-bytes" => cfg.max_body_bytes(
                value()?
                    .parse()
                    .map_err(|_| "--max-body-bytes: not a number of bytes")?,
            ),
            "--max-json-bytes" => cfg.max_json_bytes(
                value()?
                    .parse()
                    .map_err(|_| "--max-json-bytes: not a number of bytes")?,
            ),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        };
    }
    Ok(cfg)
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() {
    let cfg = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let server = match LocalServer::start(cfg).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("failed to start: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "listening on {} api_key={}",
        server.base_url(),
        server.api_key()
    );
    let _ = std::io::stdout().flush();
    wait_for_signal().await;
    server.shutdown().await;
}
