//! `nango-local-server`: serves the in-memory Nango API until SIGTERM or ctrl-c.
//!
//! Prints `listening on http://127.0.0.1:PORT api_key=<key>` on stdout once ready. The key
//! is also what the admin API (`/_admin/...`) needs: `Authorization: Bearer <key>`.
//! Options come from the command line and, for the everyday ones, from `NANGO_LOCAL_*`
//! environment variables (`--help` lists them).

use std::io::Write;

use nango_local_server::{LocalServer, Seed, ServerConfig};

const HELP: &str = "\
nango-local-server: an in-memory Nango API server for offline development and tests.

usage: nango-local-server [OPTIONS]

options (an option wins over its environment variable; an empty variable is unset):
  --port N                   port to listen on; 0 picks a free one (default 0)
                             [NANGO_LOCAL_PORT]
  --host ADDR                loopback address to bind (default 127.0.0.1)
  --api-key UUID             API key of the `dev` environment, a UUID v4 (default: a
                             random one) [NANGO_LOCAL_API_KEY]
  --seed demo|FILE           initial data: the built-in demo set, or a seed file (JSON,
                             format in the README) [NANGO_LOCAL_SEED]
  --rate-limit N             requests allowed per minute (default 1000000)
  --webhook-url URL          where webhooks are POSTed [NANGO_LOCAL_WEBHOOK_URL]
  --webhook-signing-key KEY  webhook signing key (default: a random UUID v4)
                             [NANGO_LOCAL_WEBHOOK_SIGNING_KEY]
  --allow-origin ORIGIN      let browser pages of ORIGIN call the API (repeatable)
  --allow-host NAME          answer requests whose Host is NAME (repeatable)
  --max-body-bytes N         largest request body read (default 64 MiB)
  --max-json-bytes N         largest JSON body parsed (default 2 MiB)
  -h, --help                 print this help
  -V, --version              print the version

Prints `listening on http://HOST:PORT api_key=KEY` once ready (the key also opens the
admin API, /_admin/...); stops on ctrl-c or SIGTERM.
";

/// The options that take a value (all but `--help` and `--version`).
const OPTIONS: [&str; 11] = [
    "--port",
    "--host",
    "--api-key",
    "--seed",
    "--rate-limit",
    "--webhook-url",
    "--webhook-signing-key",
    "--allow-origin",
    "--allow-host",
    "--max-body-bytes",
    "--max-json-bytes",
];

/// The environment variables the server reads, each standing for an option. They let a
/// developer fix the port, key and data of the server they start every day (a shell
/// profile, a compose file) without retyping options; the options still win.
const ENV_OPTIONS: [(&str, &str); 5] = [
    ("NANGO_LOCAL_PORT", "--port"),
    ("NANGO_LOCAL_API_KEY", "--api-key"),
    ("NANGO_LOCAL_SEED", "--seed"),
    ("NANGO_LOCAL_WEBHOOK_URL", "--webhook-url"),
    ("NANGO_LOCAL_WEBHOOK_SIGNING_KEY", "--webhook-signing-key"),
];

/// What the command line asks for.
enum Task {
    Serve(Box<ServerConfig>),
    Help,
    Version,
}

/// Applies the option `flag` with `value` (read from `source`: the option itself or its
/// environment variable, named in errors) to `cfg`.
fn apply(
    cfg: ServerConfig,
    flag: &str,
    value: String,
    source: &str,
) -> Result<ServerConfig, String> {
    let number = |what: &str| format!("{source}: not {what}: {value:?}");
    Ok(match flag {
        "--port" => cfg.port(value.parse().map_err(|_| number("a port number"))?),
        "--host" => cfg.host(value),
        "--api-key" => cfg.api_key(value),
        "--seed" => {
            let seed = if value == "demo" {
                Seed::demo()
            } else {
                Seed::from_file(&value).map_err(|e| format!("{source} {value}: {e}"))?
            };
            cfg.seed(seed)
        }
        "--rate-limit" => cfg.rate_limit(value.parse().map_err(|_| number("a number"))?),
        "--webhook-url" => cfg.webhook_url(value),
        "--webhook-signing-key" => cfg.webhook_signing_key(value),
        "--allow-origin" => cfg.allow_origin(value),
        "--allow-host" => cfg.allow_host(value),
        "--max-body-bytes" => {
            cfg.max_body_bytes(value.parse().map_err(|_| number("a number of bytes"))?)
        }
        "--max-json-bytes" => {
            cfg.max_json_bytes(value.parse().map_err(|_| number("a number of bytes"))?)
        }
        // `parse` lets only the options of `OPTIONS` through.
        other => unreachable!("option {other} without a case"),
    })
}

/// Reads the environment variables (through `var`), then the options of `args`; the
/// builder's setters replace, so an option given after its variable wins. `--help` and
/// `--version` are answered before anything is read, a bad variable included.
fn parse(
    args: impl Iterator<Item = String>,
    var: impl Fn(&str) -> Option<String>,
) -> Result<Task, String> {
    let args: Vec<String> = args.collect();
    for arg in &args {
        match arg.as_str() {
            "--help" | "-h" => return Ok(Task::Help),
            "--version" | "-V" => return Ok(Task::Version),
            _ => {}
        }
    }
    let mut args = args.into_iter();
    let mut cfg = ServerConfig::default();
    for (name, flag) in ENV_OPTIONS {
        if let Some(value) = var(name).filter(|v| !v.is_empty()) {
            cfg = apply(cfg, flag, value, name)?;
        }
    }
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg, None),
        };
        if !flag.starts_with('-') {
            return Err(format!("unexpected argument {flag} (see --help)"));
        }
        if !OPTIONS.contains(&flag.as_str()) {
            return Err(format!("unknown option {flag} (see --help)"));
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        cfg = apply(cfg, &flag, value, &flag)?;
    }
    Ok(Task::Serve(Box::new(cfg)))
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
    let cfg = match parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(Task::Serve(cfg)) => *cfg,
        Ok(Task::Help) => {
            print!("{HELP}");
            return;
        }
        Ok(Task::Version) => {
            println!("nango-local-server {}", env!("CARGO_PKG_VERSION"));
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::{parse, Task, ENV_OPTIONS, HELP, OPTIONS};

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    fn error(list: &[&str], var: impl Fn(&str) -> Option<String>) -> String {
        match parse(args(list), var) {
            Err(e) => e,
            Ok(_) => panic!("{list:?} parsed"),
        }
    }

    #[test]
    fn a_bad_variable_is_named_in_the_error() {
        let port = |name: &str| (name == "NANGO_LOCAL_PORT").then(|| "80a".to_owned());
        assert_eq!(
            error(&[], port),
            "NANGO_LOCAL_PORT: not a port number: \"80a\""
        );
        assert_eq!(
            error(&["--port", "x"], |_| None),
            "--port: not a port number: \"x\""
        );
        let seed =
            |name: &str| (name == "NANGO_LOCAL_SEED").then(|| "/nonexistent.json".to_owned());
        assert!(error(&[], seed).starts_with("NANGO_LOCAL_SEED /nonexistent.json: "));
    }

    #[test]
    fn empty_variables_are_unset() {
        assert!(matches!(
            parse(args(&[]), |_| Some(String::new())),
            Ok(Task::Serve(_))
        ));
    }

    #[test]
    fn help_and_version_come_first_and_options_need_values() {
        assert!(matches!(
            parse(args(&["--port", "1", "-h"]), |_| None),
            Ok(Task::Help)
        ));
        assert!(matches!(
            parse(args(&["--version"]), |_| None),
            Ok(Task::Version)
        ));
        let bad = |_: &str| Some("bad".to_owned());
        assert!(matches!(parse(args(&["--help"]), bad), Ok(Task::Help)));
        assert_eq!(error(&["--port"], |_| None), "--port needs a value");
        assert_eq!(
            error(&["--nope"], |_| None),
            "unknown option --nope (see --help)"
        );
        assert_eq!(
            error(&["stray", "1"], |_| None),
            "unexpected argument stray (see --help)"
        );
    }

    #[test]
    fn every_option_is_in_the_help_and_has_a_case() {
        for flag in OPTIONS {
            assert!(
                HELP.contains(&format!("  {flag} ")),
                "{flag} is not in --help"
            );
            // `apply` panics on an option without a case.
            if let Err(e) = parse(args(&[flag, "1"]), |_| None) {
                assert!(!e.starts_with("unknown"), "{flag}: {e}");
            }
        }
    }

    #[test]
    fn the_help_names_every_variable_beside_its_option() {
        for (name, flag) in ENV_OPTIONS {
            let at = HELP.find(&format!("  {flag} ")).expect(flag);
            let next = HELP[at + 2..]
                .find("\n  --")
                .map_or(HELP.len(), |i| at + 2 + i);
            assert!(
                HELP[at..next].contains(&format!("[{name}]")),
                "{flag}: no [{name}]"
            );
        }
    }
}
