//! The tasks.

use crate::cmd::{cmd, output, run, run_tee};

/// Counts tests reported by `cargo test` output (`test result: ok. N passed; M failed`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

impl Counts {
    fn parse_cargo(output: &str) -> Counts {
        let mut c = Counts::default();
        for line in output.lines() {
            let Some(rest) = line.trim().strip_prefix("test result: ") else {
                continue;
            };
            for part in rest.split(';') {
                let words: Vec<&str> = part.split_whitespace().collect();
                let n = |w: &str| words.iter().position(|x| x.trim_end_matches('.') == w);
                if let Some(i) = n("passed") {
                    c.passed += words.get(i - 1).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
                if let Some(i) = n("failed") {
                    c.failed += words.get(i - 1).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
                if let Some(i) = n("ignored") {
                    c.ignored += words.get(i - 1).and_then(|v| v.parse().ok()).unwrap_or(0);
                }
            }
        }
        c
    }
}

/// The native crates (everything but the wasm-only ones).
const NATIVE_PACKAGES: &[&str] = &[
    "nango-core",
    "nango",
    "nango-local-server",
    "nango-tests",
    "nango-openapi-tests",
    "nango-hostile-server",
    "nango-www-native",
    "nango-bench",
    "xtask",
];

fn package_args() -> Vec<&'static str> {
    let mut args: Vec<&str> = NATIVE_PACKAGES.iter().flat_map(|p| ["-p", *p]).collect();
    args.push("--all-features");
    args
}

pub fn lint() -> Result<(), String> {
    run(cmd("cargo", &["fmt", "--all", "--", "--check"]))?;
    let mut args = vec!["clippy"];
    args.extend(package_args());
    args.extend(["--all-targets", "--", "-D", "warnings"]);
    run(cmd("cargo", &args))?;
    let mut args = vec!["doc", "--no-deps"];
    args.extend(package_args());
    let mut c = cmd("cargo", &args);
    c.env("RUSTDOCFLAGS", "-D warnings");
    run(c)?;
    // The wasm crate is empty on native targets: lint and document it for wasm32.
    ensure_wasm_target()?;
    let wasm = ["-p", "nango-wasm", "--target", "wasm32-unknown-unknown"];
    let mut args = vec!["clippy"];
    args.extend(wasm);
    args.extend(["--all-targets", "--", "-D", "warnings"]);
    run(cmd("cargo", &args))?;
    let mut args = vec!["doc", "--no-deps"];
    args.extend(wasm);
    let mut c = cmd("cargo", &args);
    c.env("RUSTDOCFLAGS", "-D warnings");
    run(c)
}

pub fn native() -> Result<Counts, String> {
    let mut args = vec!["test"];
    args.extend(package_args());
    let out = run_tee(cmd("cargo", &args))?;
    let counts = Counts::parse_cargo(&out);
    if counts.passed == 0 {
        return Err("the native suites ran no test".into());
    }
    Ok(counts)
}

/// Checks that the core builds for `wasm32-unknown-unknown` (no I/O, no runtime).
fn core_for_wasm() -> Result<(), String> {
    run(cmd(
        "cargo",
        &[
            "build",
            "-p",
            "nango-core",
            "--target",
            "wasm32-unknown-unknown",
        ],
    ))
}

/// Installs the `wasm32-unknown-unknown` target when it is missing.
fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

pub fn setup() -> Result<(), String> {
    ensure_wasm_target()?;
    // The official SDK, run side by side with ours by the differential tests.
    npm_ci("tests/conformance")?;
    crate::wasm::setup()?;
    Ok(())
}

/// `npm ci` in `dir` (relative to the root) unless its lock file is already installed.
pub fn npm_ci(dir: &str) -> Result<(), String> {
    let root = crate::cmd::root().join(dir);
    let installed = root.join("node_modules/.package-lock.json");
    let lock = root.join("package-lock.json");
    let fresh = match (std::fs::metadata(&installed), std::fs::metadata(&lock)) {
        (Ok(i), Ok(l)) => match (i.modified(), l.modified()) {
            (Ok(i), Ok(l)) => i >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(cmd(
        "npm",
        &["ci", "--no-audit", "--no-fund", "--prefix", dir],
    ))
}

pub fn test() -> Result<(), String> {
    setup()?;
    // The generated faces of the operation table are what the table gives.
    crate::gen::gen(true)?;
    lint()?;
    core_for_wasm()?;
    // The wasm suites build pkg/ first, so that the conformance harness in the native
    // suites compares the package built from this very tree.
    let wasm = crate::wasm::test()?;
    let (wasm_passed, wasm_failed) = wasm.iter().fold((0, 0), |(p, f), (_, a, b)| (p + a, f + b));
    std::env::set_var("NANGO_CONFORMANCE_REQUIRE_WASM", "1");
    let native = native()?;
    // The READMEs' examples, copied into a fresh crate as a user would, built and run.
    crate::readme_crate::readme_crate()?;
    // The main job must keep working: run the quickstart and check it completed.
    let out = run_tee(cmd(
        "cargo",
        &["run", "-q", "-p", "nango", "--example", "quickstart"],
    ))?;
    if !out.contains("Done: the whole flow ran") {
        return Err("the quickstart did not complete".into());
    }
    // What `cargo publish` would upload, and that it builds on its own.
    package()?;
    // The examples of www/ (pkg/ was just built by the wasm suites).
    let (www_passed, www_failed) = crate::www::test(false)?;
    // The benchmark still runs end to end (quick, no timing asserted, nothing written).
    crate::bench::smoke()?;
    println!(
        "\nxtask test: native {} passed, {} failed, {} ignored; wasm {wasm_passed} passed, {wasm_failed} failed",
        native.passed, native.failed, native.ignored
    );
    println!(
        "{} passed, {} failed",
        native.passed + wasm_passed + www_passed,
        native.failed + wasm_failed + www_failed
    );
    Ok(())
}

/// The crates published to crates.io, in the order they depend on each other.
pub const PUBLISHED: [&str; 3] = ["nango-core", "nango", "nango-local-server"];

/// `cargo package` of the published crates, verified: each is built from its `.crate`
/// alone, as crates.io and `cargo install` will build it (cargo resolves `nango`'s
/// `nango-core` to the one packaged just before). In a checkout with uncommitted
/// changes to them, `--allow-dirty` lets a developer run it before committing; a clean
/// clone (CI) is packaged without it.
pub fn package() -> Result<(), String> {
    let mut args = vec!["package"];
    for p in PUBLISHED {
        args.extend(["-p", p]);
    }
    let mut paths = vec!["status", "--porcelain", "--", "Cargo.toml", "Cargo.lock"];
    let dirs: Vec<String> = PUBLISHED.iter().map(|p| format!("crates/{p}")).collect();
    paths.extend(dirs.iter().map(String::as_str));
    let changes = crate::cmd::capture(cmd("git", &paths)).unwrap_or_default();
    if !changes.trim().is_empty() {
        eprintln!(
            "xtask: uncommitted changes in the published crates: packaging with --allow-dirty"
        );
        args.push("--allow-dirty");
    }
    // Verification builds each `.crate` as a registry crate of its version, and cargo
    // never rebuilds a registry crate whose version it has built: after a change to
    // nango-core, `nango` would be checked against the old build. So the packaged
    // crates' fingerprints are dropped first (in a target dir of their own, so the
    // workspace's builds are left alone; the dependencies stay cached there).
    let dir = crate::cmd::target_dir()?.join("package-verify");
    let fingerprints = dir.join("debug/.fingerprint");
    for entry in std::fs::read_dir(&fingerprints)
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if PUBLISHED.iter().any(|p| name.starts_with(&format!("{p}-"))) {
            std::fs::remove_dir_all(entry.path())
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    let mut c = cmd("cargo", &args);
    c.env("CARGO_TARGET_DIR", &dir);
    run(c)
}

pub fn quickstart() -> Result<(), String> {
    run(cmd(
        "cargo",
        &["run", "-p", "nango", "--example", "quickstart"],
    ))
}
