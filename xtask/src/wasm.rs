//! The WebAssembly package: build `pkg/` (`cargo xtask pkg`), install its tools
//! (`setup`), and test it (`cargo xtask wasm-test`): wasm-bindgen-test in Node and
//! headless Chromium through `wasm-pack test`, as wasm developers run it, then the
//! built package in Node, Deno, workerd and Chromium through one shared scenario
//! (`tests/wasm/scenario.mjs`), then the npm tarball installed into an empty project
//! (`tests/wasm/pack-smoke.mjs`), then the package installed into Deno projects from
//! its folder and its tarball (`tests/wasm/deno-install.ts`), then the TypeScript
//! types.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::cmd::{capture, cmd, has, output, root, run, run_tee, target_dir};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The wasm-pack that `setup` installs when there is none (`wasm-pack test` runs the
/// wasm-bindgen-test suite).
const WASM_PACK: &str = "0.15.1";
/// The most the package (`.wasm` + JS, gzip -9) may weigh: 80 KB, the project's
/// budget. Under it readability wins over bytes (the trust checks of the core,
/// for one: answer limits, redaction, the records cursor trail, measured at
/// 63.9 -> 70.9 KB gzip); `cargo xtask pkg` fails past it.
const SIZE_BUDGET_GZIP: u64 = 80_000;

fn tests_dir() -> PathBuf {
    root().join("tests/wasm")
}

fn bin(name: &str) -> PathBuf {
    tests_dir().join("node_modules/.bin").join(name)
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The `wasm-bindgen` version in Cargo.lock (the CLI must be exactly it).
fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn cli_version() -> Option<String> {
    output("wasm-bindgen", &["--version"])
        .and_then(|v| v.split_whitespace().nth(1).map(str::to_owned))
}

/// Installs what the wasm build and tests need: wasm-bindgen-cli at the lock
/// file's version, wasm-pack, Chromium and its driver (apt), and the pinned npm
/// packages.
pub fn setup() -> Result<(), String> {
    let want = locked_wasm_bindgen()?;
    if cli_version().as_deref() != Some(want.as_str()) {
        // Without --locked: a dependency pinned by the CLI's lock file is missing here.
        let mut c = cmd(
            "cargo",
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                &format!("={want}"),
                "--force",
            ],
        );
        c.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
        run(c)?;
    }
    // A wasm-pack already installed is kept, whatever its version: only `wasm-pack test`
    // is used, with options that every recent release has.
    if !has("wasm-pack") {
        let mut c = cmd(
            "cargo",
            &[
                "install",
                "wasm-pack",
                "--locked",
                "--version",
                &format!("={WASM_PACK}"),
            ],
        );
        // A shorter build; wasm-pack only starts other programs.
        c.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
        run(c)?;
    }
    if !Path::new(CHROMEDRIVER).exists() || !has("chromium") {
        let mut update = cmd("apt-get", &["update"]);
        update.env("DEBIAN_FRONTEND", "noninteractive");
        run(update)?;
        let mut install = cmd(
            "apt-get",
            &[
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ],
        );
        install.env("DEBIAN_FRONTEND", "noninteractive");
        run(install)?;
    }
    crate::tasks::npm_ci("tests/wasm")
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// Builds `pkg/`: cargo (size profile) → wasm-bindgen --target web → wasm-opt -Oz
/// (npm binaryen), with short import and export names → `dist/nango.js`: the
/// class, the glue and the shim bundled into one minified module (npm esbuild)
/// beside `dist/nango_wasm_bg.wasm` and the types (`dist/nango_wasm.d.ts`);
/// prints the sizes.
pub fn pkg() -> Result<(), String> {
    run(cmd(
        "cargo",
        &[
            "build",
            "-p",
            "nango-wasm",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ],
    ))?;
    let want = locked_wasm_bindgen()?;
    if cli_version().as_deref() != Some(want.as_str()) {
        return Err(format!(
            "wasm-bindgen {want} is needed (run `cargo xtask setup`)"
        ));
    }
    let wasm_opt = bin("wasm-opt");
    if !wasm_opt.exists() {
        return Err("tests/wasm/node_modules is missing (run `cargo xtask setup`)".into());
    }
    let dist = root().join("pkg/dist");
    let _ = std::fs::remove_dir_all(&dist);
    let input = target_dir()?
        .join(TARGET)
        .join(PROFILE)
        .join("nango_wasm.wasm");
    run(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--out-dir",
            &path_str(&dist),
            "--out-name",
            "nango_wasm",
            &path_str(&input),
        ],
    ))?;
    let wasm = dist.join("nango_wasm_bg.wasm");
    // `-Oz` twice, inlining functions with one caller only up to 30 bytes
    // (binaryen's default inlines them all): a few KB larger raw, 3 KB smaller
    // gzipped (the size that is shipped), as measured on this package. Then the
    // import and export names made short (the mapping is printed, and applied to
    // the glue below).
    let optimize = cmd(
        &path_str(&wasm_opt),
        &[
            "-Oz",
            "--one-caller-inline-max-function-size",
            "30",
            "-Oz",
            "--minify-imports-and-exports-and-modules",
            "--strip-debug",
            "--strip-producers",
            "--strip-target-features",
            &path_str(&wasm),
            "-o",
            &path_str(&wasm),
        ],
    );
    let renames = crate::minify::parse(&capture(optimize)?)?;
    let bytes = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let module = crate::minify::module(&bytes)?;
    let glue = dist.join("nango_wasm.js");
    let js = std::fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    std::fs::write(&glue, crate::minify::apply(&js, &renames, &module)?)
        .map_err(|e| e.to_string())?;
    // The package's own declarations only: those of wasm-bindgen's loader name
    // `WebAssembly`, `BufferSource` and `RequestInfo`, which a Node-only or a
    // Workers project (no DOM library) lacks, and users never call the loader.
    let mut own = String::new();
    for f in ["types.d.ts", "methods.gen.d.ts", "compat.d.ts"] {
        let path = root().join("crates/nango-wasm/src").join(f);
        own += &std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    std::fs::write(dist.join("types.d.ts"), own).map_err(|e| e.to_string())?;
    // The module `./dist/types.js` that index.d.ts imports: TypeScript, and Deno in a
    // node_modules folder, read `types.d.ts` beside it; Deno reading the package as
    // local files (installed from its folder: node_modules links to it) finds no
    // `.d.ts` for a `.js` path unless the module names it. Never run.
    std::fs::write(
        dist.join("types.js"),
        "// @ts-self-types=\"./types.d.ts\"\n// The declarations of index.d.ts, for Deno (see xtask/src/wasm.rs); not a runtime module.\nexport {};\n",
    )
    .map_err(|e| e.to_string())?;
    // The shim is copied by wasm-bindgen under a hashed folder: re-export it from a
    // fixed path for the class `Nango` (js/nango.gen.js), copied beside the glue.
    let snippets = dist.join("snippets");
    let shim = std::fs::read_dir(&snippets)
        .map_err(|e| format!("{}: {e}", snippets.display()))?
        .flatten()
        .map(|e| e.path().join("js/shim.js"))
        .find(|p| p.exists())
        .ok_or("the shim is missing from dist/snippets")?;
    let rel = shim.strip_prefix(&dist).map_err(|e| e.to_string())?;
    std::fs::write(
        dist.join("shim.js"),
        format!("export * from './{}';\n", rel.to_string_lossy()),
    )
    .map_err(|e| e.to_string())?;
    let facade = dist.join("nango.js");
    std::fs::copy(root().join("crates/nango-wasm/js/nango.gen.js"), &facade)
        .map_err(|e| format!("js/nango.gen.js: {e}"))?;
    // One module for every entry: the class, the glue and the shim, bundled and
    // minified (the glue carries the rustdoc of every method as JSDoc; the types
    // are in the .d.ts). The `.wasm` is loaded by the entries.
    let bundle = dist.join("bundle.js");
    run(cmd(
        &path_str(&bin("esbuild")),
        &[
            &path_str(&facade),
            "--bundle",
            "--minify",
            "--format=esm",
            "--target=es2022",
            "--log-level=error",
            &format!("--outfile={}", path_str(&bundle)),
        ],
    ))?;
    std::fs::rename(&bundle, &facade).map_err(|e| e.to_string())?;
    for f in [
        "nango_wasm.js",
        "nango_wasm.d.ts",
        "shim.js",
        "nango_wasm_bg.wasm.d.ts",
    ] {
        std::fs::remove_file(dist.join(f)).map_err(|e| format!("dist/{f}: {e}"))?;
    }
    std::fs::remove_dir_all(&snippets).map_err(|e| e.to_string())?;
    let (js_raw, js_gz) = (file_size(&facade)?, gzip_size(&facade)?);
    let (wasm_raw, wasm_gz) = (file_size(&wasm)?, gzip_size(&wasm)?);
    println!(
        "\npkg: wasm {:.1} KB ({:.1} KB gzip) + JS {:.1} KB ({:.1} KB gzip) = {:.1} KB ({:.1} KB gzip)",
        kb(wasm_raw),
        kb(wasm_gz),
        kb(js_raw),
        kb(js_gz),
        kb(wasm_raw + js_raw),
        kb(wasm_gz + js_gz)
    );
    if wasm_gz + js_gz > SIZE_BUDGET_GZIP {
        return Err(format!(
            "the package is {:.1} KB gzipped, over its budget of {:.1} KB; see pkg/README.md, Size",
            kb(wasm_gz + js_gz),
            kb(SIZE_BUDGET_GZIP)
        ));
    }
    Ok(())
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// A server binary of the workspace, started for the tests and stopped when dropped.
struct Process(Child);

impl Process {
    /// Builds and starts `package`'s binary with `args`; returns it and the first
    /// line it prints (`listening on http://127.0.0.1:PORT ...`).
    fn start(package: &str, args: &[&str]) -> Result<(Process, String), String> {
        run(cmd("cargo", &["build", "-p", package]))?;
        let exe = crate::cmd::debug_exe(package)?;
        let mut child = Command::new(&exe)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("{}: {e}", exe.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let process = Process(child);
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok((process, line))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The word of `line` that starts with `prefix`, without it.
fn word<'l>(line: &'l str, prefix: &str) -> Option<&'l str> {
    line.split_whitespace().find_map(|w| w.strip_prefix(prefix))
}

/// The local Nango server, started for the tests and stopped when dropped.
pub(crate) struct Server {
    _process: Process,
    pub(crate) url: String,
    pub(crate) key: String,
}

impl Server {
    pub(crate) fn start() -> Result<Server, String> {
        let args = ["--port", "0", "--host", "127.0.0.1", "--seed", "demo"];
        let (process, line) = Process::start("nango-local-server", &args)?;
        // `listening on http://127.0.0.1:PORT api_key=<key>`
        match (word(&line, "http://"), word(&line, "api_key=")) {
            (Some(rest), Some(key)) => Ok(Server {
                _process: process,
                url: format!("http://{rest}"),
                key: key.to_owned(),
            }),
            _ => Err(format!(
                "unexpected first line from nango-local-server: {line:?}"
            )),
        }
    }

    fn env(&self, c: &mut Command) {
        c.env("NANGO_HOST", &self.url)
            .env("NANGO_API_KEY", &self.key);
    }
}

/// The hostile server of the trust suite (`tests/hostile`), stopped when dropped.
struct Hostile {
    _process: Process,
    url: String,
}

impl Hostile {
    fn start() -> Result<Hostile, String> {
        let (process, line) = Process::start("nango-hostile-server", &[])?;
        // `listening on http://127.0.0.1:PORT`
        match word(&line, "http://") {
            Some(rest) => Ok(Hostile {
                _process: process,
                url: format!("http://{rest}"),
            }),
            None => Err(format!(
                "unexpected first line from nango-hostile-server: {line:?}"
            )),
        }
    }
}

/// Passed and failed counts of one suite.
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    passed: u64,
    failed: u64,
}

/// The number before `word` in `text` (`"5 passed"`), summed over all lines.
fn number_before(text: &str, word: &str) -> u64 {
    let mut total = 0;
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == ';' || c == '|' || c == ',')
            .collect();
        let words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
        for (i, w) in words.iter().enumerate() {
            if w.trim_end_matches('.') == word && i > 0 {
                total += words[i - 1].parse::<u64>().unwrap_or(0);
            }
        }
    }
    total
}

/// The counts in the summary lines starting with `prefix`: `N passed; M failed` (the
/// runners' own lines, `workerd: …`, `browser: …`), `ok | N passed | M failed` (Deno),
/// or TAP's `# pass N` / `# fail M` (node:test).
fn summary_count(text: &str, prefix: &str) -> Count {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with(prefix))
        .collect();
    if prefix == "# " {
        let tap = |key: &str| -> u64 {
            lines
                .iter()
                .filter_map(|l| l.trim().strip_prefix(key))
                .filter_map(|n| n.trim().parse::<u64>().ok())
                .sum()
        };
        return Count {
            passed: tap("# pass "),
            failed: tap("# fail "),
        };
    }
    let joined = lines.join("\n");
    Count {
        passed: number_before(&joined, "passed"),
        failed: number_before(&joined, "failed"),
    }
}

/// The wasm-bindgen-test suite as README.md (Tests) runs it by hand, `wasm-pack test
/// --headless --chrome crates/nango-wasm` or `wasm-pack test --node crates/nango-wasm`,
/// but against `server` (its address and key compiled in through `NANGO_TEST_HOST` and
/// `NANGO_TEST_API_KEY`) and with nothing downloaded: `--mode no-install` takes the
/// wasm-bindgen that `setup` installed, and the Debian chromedriver is named. Counts the
/// cases of the suite that passed rather than the summary lines (which include the doc
/// tests, compiled only): wasm-pack skips a test binary pinned to the other runtime and
/// still exits 0, so none counted is an error.
fn wasm_pack_tests(server: &Server, browser: bool) -> Result<Count, String> {
    let mut args = vec!["test", "--mode", "no-install"];
    if browser {
        args.extend(["--headless", "--chrome", "--chromedriver", CHROMEDRIVER]);
    } else {
        args.push("--node");
    }
    args.push("crates/nango-wasm");
    let mut c = cmd("wasm-pack", &args);
    c.env("NANGO_TEST_HOST", &server.url)
        .env("NANGO_TEST_API_KEY", &server.key);
    // `wasm-pack test` optimises nothing today, but wasm-pack takes the first `wasm-opt`
    // on PATH unchecked, and downloads one when there is none: the pinned npm binaryen
    // goes first, so that it can neither fetch one nor pick Debian's (whose output does
    // not load).
    let npm_bin = tests_dir().join("node_modules/.bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(npm_bin).chain(std::env::split_paths(&path)))
        .map_err(|e| format!("PATH: {e}"))?;
    c.env("PATH", path);
    // A failed case fails the command, and so `run_tee`.
    let passed = suite_cases(&run_tee(c)?);
    if passed == 0 {
        let runtime = if browser { "Chromium" } else { "Node" };
        return Err(format!(
            "wasm-pack ran no case of the wasm-bindgen-test suite in {runtime}"
        ));
    }
    Ok(Count { passed, failed: 0 })
}

/// How many cases of the wasm-bindgen-test suite (`crates/nango-wasm/tests/suite/`) passed
/// in `text`: its lines `test suite::<name> ... ok`, whichever test binary ran them.
fn suite_cases(text: &str) -> u64 {
    text.lines()
        .filter(|l| l.starts_with("test suite::") && l.ends_with(" ... ok"))
        .count() as u64
}

fn js_runner(
    (server, hostile): (&Server, &Hostile),
    program: &str,
    args: &[&str],
    prefix: &str,
) -> Result<Count, String> {
    let mut c = cmd(program, args);
    c.current_dir(tests_dir());
    server.env(&mut c);
    c.env("NANGO_HOSTILE_HOST", &hostile.url);
    c.env("DENO_NO_UPDATE_CHECK", "1")
        .env("NO_COLOR", "1")
        .env("CHROMEDRIVER", CHROMEDRIVER);
    let out = run_tee(c)?;
    Ok(summary_count(&out, prefix))
}

/// The npm package as a user installs it: `npm pack` of `pkg/` (as built), the tarball
/// installed with `npm install --offline` into an empty project in a temporary folder
/// (the package has no dependencies: nothing to download), and
/// `tests/wasm/pack-smoke.mjs` run from that project against `server`. The folder is
/// removed afterwards, kept when the test failed.
fn pack_smoke(server: &Server) -> Result<Count, String> {
    let dir = std::env::temp_dir().join(format!("nango-wasm-pack-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(&dir).map_err(io)?;
    let tarball = npm_pack(&dir)?;
    std::fs::write(
        dir.join("package.json"),
        "{ \"name\": \"pack-smoke\", \"private\": true, \"type\": \"module\" }\n",
    )
    .map_err(io)?;
    npm_install_tarball(&dir, &tarball)?;
    std::fs::copy(tests_dir().join("pack-smoke.mjs"), dir.join("smoke.mjs")).map_err(io)?;
    let mut smoke = cmd("node", &["smoke.mjs"]);
    smoke.current_dir(&dir);
    server.env(&mut smoke);
    let count = summary_count(&run_tee(smoke)?, "pack:");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(count)
}

/// `npm pack` of `pkg/` (as built) into `dir`; returns the tarball's path.
fn npm_pack(dir: &Path) -> Result<PathBuf, String> {
    let mut pack = cmd(
        "npm",
        &[
            "pack",
            "--pack-destination",
            &path_str(dir),
            "--loglevel=warn",
        ],
    );
    pack.current_dir(root().join("pkg"));
    run(pack)?;
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "tgz"))
        .ok_or_else(|| "npm pack wrote no .tgz".to_owned())
}

/// `npm install --offline` of `tarball` into the project `dir` (the package has no
/// dependencies: nothing to download).
fn npm_install_tarball(dir: &Path, tarball: &Path) -> Result<(), String> {
    let mut install = cmd(
        "npm",
        &[
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--loglevel=warn",
            &path_str(tarball),
        ],
    );
    install.current_dir(dir);
    run(install)
}

/// The package as a Deno project installs it, offline, from the folder and from the
/// tarball: two projects with `"nodeModulesDir": "manual"` in their `deno.json`, one
/// whose package.json depends on `file:<pkg/>` (installed by `deno install`, which
/// links the folder, as `npm install <folder>` does), one with the `npm pack`
/// tarball installed by `npm install` (Deno's installer does not read tarballs).
/// In each, `deno check` and `deno run --allow-read` of `tests/wasm/deno-install.ts`:
/// the declarations must resolve (a class typed with no methods, or as `any`,
/// fails the check) and the `deno` entry must load. Deno gets a cache folder of its
/// own and an npm registry at a closed local port (nothing can be fetched), and no
/// network permission. Each project that checks and runs is one passed test. The
/// folder is removed afterwards, kept when the test failed.
fn deno_install() -> Result<Count, String> {
    let dir = std::env::temp_dir().join(format!("nango-wasm-deno-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(&dir).map_err(io)?;
    let tarball = npm_pack(&dir)?;
    let deno = |project: &Path, args: &[&str]| {
        let mut c = cmd(&path_str(&bin("deno")), args);
        c.current_dir(project)
            .env("DENO_DIR", dir.join("deno-cache"))
            .env("NPM_CONFIG_REGISTRY", "http://127.0.0.1:9/")
            .env("DENO_NO_UPDATE_CHECK", "1")
            .env("NO_COLOR", "1");
        c
    };
    let mut passed = 0;
    for from in ["folder", "tarball"] {
        let project = dir.join(from);
        std::fs::create_dir_all(&project).map_err(io)?;
        std::fs::write(
            project.join("deno.json"),
            "{ \"nodeModulesDir\": \"manual\" }\n",
        )
        .map_err(io)?;
        let dependencies = if from == "folder" {
            let folder = format!("file:{}", path_str(&root().join("pkg")));
            format!("{{ \"nango-wasm\": {} }}", crate::cmd::quoted(&folder))
        } else {
            "{}".to_owned()
        };
        std::fs::write(
            project.join("package.json"),
            format!("{{ \"name\": \"deno-install-{from}\", \"private\": true, \"type\": \"module\", \"dependencies\": {dependencies} }}\n"),
        )
        .map_err(io)?;
        if from == "folder" {
            run(deno(&project, &["install"]))?;
        } else {
            npm_install_tarball(&project, &tarball)?;
        }
        std::fs::copy(tests_dir().join("deno-install.ts"), project.join("main.ts")).map_err(io)?;
        run(deno(&project, &["check", "main.ts"]))?;
        let out = run_tee(deno(&project, &["run", "--allow-read", "main.ts"]))?;
        if !out.contains("deno-install: ok") {
            return Err(format!(
                "deno run in {}: no `deno-install: ok`",
                project.display()
            ));
        }
        passed += 1;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Count { passed, failed: 0 })
}

/// Builds the package and runs every wasm suite; fails if one ran no test.
pub fn test() -> Result<Vec<(&'static str, u64, u64)>, String> {
    run(cmd(
        "cargo",
        &[
            "clippy",
            "-p",
            "nango-wasm",
            "--target",
            TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))?;
    pkg()?;
    let server = Server::start()?;
    let hostile = Hostile::start()?;
    let servers = (&server, &hostile);
    let deno = path_str(&bin("deno"));
    let node_test = ["--test", "--test-reporter=tap", "node.test.mjs"];
    let deno_test = [
        "test",
        "--no-check",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-env",
        "deno.test.mjs",
    ];
    let results: Vec<(&'static str, Count)> = vec![
        (
            "wasm-bindgen-test (Node, wasm-pack)",
            wasm_pack_tests(&server, false)?,
        ),
        (
            "wasm-bindgen-test (Chromium, wasm-pack)",
            wasm_pack_tests(&server, true)?,
        ),
        (
            "pkg in Node (node:test)",
            js_runner(servers, "node", &node_test, "# ")?,
        ),
        (
            "pkg in Deno",
            js_runner(servers, &deno, &deno_test, "ok |")?,
        ),
        (
            "pkg in workerd (Miniflare)",
            js_runner(servers, "node", &["workerd.test.mjs"], "workerd:")?,
        ),
        (
            "pkg in Chromium (browser entry)",
            js_runner(servers, "node", &["browser.test.mjs"], "browser:")?,
        ),
        (
            "pkg tarball (npm pack, installed offline) in Node",
            pack_smoke(&server)?,
        ),
        (
            "pkg installed in Deno projects, folder and tarball (deno check, deno run)",
            deno_install()?,
        ),
    ];
    drop(hostile);
    drop(server);
    let mut c = cmd(&path_str(&bin("tsc")), &["-p", "types/tsconfig.json"]);
    c.current_dir(tests_dir());
    run(c)?;
    // Code written for @nangohq/node compiles against the package with only the
    // import changed (its names, shapes and the reference's examples; three tsconfigs).
    let mut c = cmd("node", &["compat/check.mjs"]);
    c.current_dir(tests_dir());
    run(c)?;
    println!("\nwasm suites:");
    let mut zero = Vec::new();
    for (name, count) in &results {
        println!("  {name}: {} passed, {} failed", count.passed, count.failed);
        if count.passed == 0 {
            zero.push(*name);
        }
    }
    println!("  TypeScript types (tsc --strict): ok");
    println!("  drop-in types for @nangohq/node (DOM, Node only, Workers): ok");
    if !zero.is_empty() {
        return Err(format!("no test ran in: {}", zero.join(", ")));
    }
    Ok(results
        .into_iter()
        .map(|(n, c)| (n, c.passed, c.failed))
        .collect())
}
