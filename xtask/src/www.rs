//! The examples in `www/` (a Cloudflare Worker, a Deno function, a native axum
//! server, and their page): `cargo xtask www` builds what they need and runs
//! `www/tests/run.mjs`, which starts them offline against the local Nango server,
//! drives each over HTTP and the page in headless Chromium (Playwright), and
//! closes with `N passed, M failed`. `cargo xtask www --serve` starts them for a
//! person instead.

use crate::cmd::{cmd, debug_exe, root, run, run_tee};

const USAGE: &str = "usage: cargo xtask www [--serve] [--no-pkg]";

/// The task: `--serve` keeps everything running; `--no-pkg` uses `pkg/` as built.
pub fn www(args: &[String]) -> Result<(), String> {
    let (mut serve, mut build_pkg) = (false, true);
    for arg in args {
        match arg.as_str() {
            "--serve" => serve = true,
            "--no-pkg" => build_pkg = false,
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    if serve {
        prepare(build_pkg)?;
        return run(runner(&["--serve"])?);
    }
    test(build_pkg).map(|_| ())
}

/// Builds and installs what the examples need, runs their checks, and answers
/// the (passed, failed) counts; an error if one failed or a runtime ran none.
pub fn test(build_pkg: bool) -> Result<(u64, u64), String> {
    prepare(build_pkg)?;
    let out = run_tee(runner(&[])?)?;
    let closing = out
        .lines()
        .rev()
        .find_map(closing_counts)
        .ok_or("www/tests/run.mjs printed no `N passed, M failed` line")?;
    if closing.0 == 0 {
        return Err("the www checks ran nothing".into());
    }
    Ok(closing)
}

/// `pkg/` (the wasm engineer's build), Chromium and wasm tools (their setup),
/// the local Nango server and the native example (cargo), the npm packages.
fn prepare(build_pkg: bool) -> Result<(), String> {
    crate::wasm::setup()?;
    if build_pkg {
        crate::wasm::pkg()?;
    }
    run(cmd(
        "cargo",
        &[
            "build",
            "-p",
            "nango-local-server",
            "-p",
            "nango-www-native",
        ],
    ))?;
    crate::tasks::npm_ci("www")?;
    // Deno copies the linked package into its node_modules: start from pkg/ as built.
    let _ = std::fs::remove_dir_all(root().join("www/deno/node_modules"));
    Ok(())
}

/// `node www/tests/run.mjs`, told where cargo put the two binaries it starts.
fn runner(args: &[&str]) -> Result<std::process::Command, String> {
    let mut all = vec!["www/tests/run.mjs"];
    all.extend_from_slice(args);
    let mut c = cmd("node", &all);
    c.env("NANGO_LOCAL_SERVER", debug_exe("nango-local-server")?)
        .env("NANGO_WWW_NATIVE", debug_exe("nango-www-native")?);
    Ok(c)
}

/// `N passed, M failed` alone on a line.
fn closing_counts(line: &str) -> Option<(u64, u64)> {
    let (passed, failed) = line.trim().split_once(", ")?;
    let passed = passed.strip_suffix(" passed")?.parse().ok()?;
    let failed = failed.strip_suffix(" failed")?.parse().ok()?;
    Some((passed, failed))
}

#[cfg(test)]
mod tests {
    use super::closing_counts;

    #[test]
    fn reads_the_closing_line() {
        assert_eq!(closing_counts("54 passed, 0 failed"), Some((54, 0)));
        assert_eq!(closing_counts("  worker (HTTP): 10 passed, 0 failed"), None);
        assert_eq!(closing_counts("ok - worker"), None);
    }
}
