//! `nango-bench`: the benchmark program behind `cargo xtask bench`.
//!
//! `nango-bench run` is the orchestrator: it hosts the local Nango server and a
//! tiny upstream (for the proxy rows) on their own threads and runtimes, then
//! starts every measured client as a child process (this binary's `http`,
//! `webhook` and `stream` subcommands for the native client and the raw reqwest
//! floor; the scripts of `tests/bench/js/` for `@nangohq/node`, the wasm package
//! and the floors of Node, Deno and workerd), each printing one JSON line. It
//! prints a table of medians, ratios and goals and can write it into
//! `BENCHMARKS.md`.

mod children;
mod report;
mod stats;

use std::collections::HashMap;
use std::process::ExitCode;

/// `--key value` options (a flag without a value is `"true"`).
#[derive(Debug, Default)]
pub struct Args {
    map: HashMap<String, String>,
}

impl Args {
    fn parse(args: &[String]) -> Result<Args, String> {
        let mut map = HashMap::new();
        let mut i = 0;
        while i < args.len() {
            let key = args[i]
                .strip_prefix("--")
                .ok_or_else(|| format!("expected --option, got {:?}", args[i]))?;
            match args.get(i + 1).filter(|v| !v.starts_with("--")) {
                Some(v) => {
                    map.insert(key.to_owned(), v.clone());
                    i += 2;
                }
                None => {
                    map.insert(key.to_owned(), "true".to_owned());
                    i += 1;
                }
            }
        }
        Ok(Args { map })
    }

    /// A required option.
    pub fn req(&self, key: &str) -> Result<String, String> {
        self.map
            .get(key)
            .cloned()
            .ok_or_else(|| format!("--{key} is required"))
    }

    /// An option with a default.
    pub fn or(&self, key: &str, default: &str) -> String {
        self.map
            .get(key)
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    }

    /// A numeric option with a default.
    pub fn num(&self, key: &str, default: u64) -> Result<u64, String> {
        match self.map.get(key) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("--{key}: not a number: {v}")),
        }
    }

    /// Whether a flag is set.
    pub fn flag(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

const USAGE: &str = "\
usage: nango-bench <command> [--option value]...

  run       the whole benchmark: prints the table (--js DIR --pkg DIR --out BENCHMARKS.md
            --reps N --quick --only http,webhook,stream,size --clients LIST; --strict: fail
            when any measurement failed, never on a timing)
  serve     only the server and the upstream (prints their addresses as JSON)
  http      one load run of the native client or the raw reqwest floor (a child of `run`)
  webhook   native webhook verification (a child of `run`)
  stream    native records streaming with peak RSS (a child of `run`)
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = argv.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = Args::parse(&argv[1..]).and_then(|args| match command.as_str() {
        "run" => report::run(&args),
        "serve" => report::serve(&args),
        "http" => children::http(&args),
        "webhook" => children::webhook(&args),
        "stream" => children::stream(&args),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nango-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
