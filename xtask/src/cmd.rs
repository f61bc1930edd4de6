//! Running commands: echo them, stream or capture their output, fail on non-zero.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The directory cargo builds into, as `cargo metadata` reports it: `target/` at the
/// root unless `CARGO_TARGET_DIR` or a cargo configuration (`build.target-dir`) moves
/// it. Every path to a built file starts here, so that the tasks find what cargo
/// built wherever it put it. Asked once per run.
pub fn target_dir() -> Result<PathBuf, String> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    if let Some(dir) = DIR.get() {
        return Ok(dir.clone());
    }
    let dir = target_dir_of(cmd("cargo", &[]))?;
    Ok(DIR.get_or_init(|| dir).clone())
}

/// The binary `name` of a debug build (`cargo build -p <package>`).
pub fn debug_exe(name: &str) -> Result<PathBuf, String> {
    Ok(target_dir()?
        .join("debug")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX)))
}

/// The target directory that `cargo` (a command without arguments, its environment
/// set by the caller) reports for the workspace.
pub fn target_dir_of(mut cargo: Command) -> Result<PathBuf, String> {
    cargo.args(["metadata", "--format-version", "1", "--no-deps"]);
    let out = cargo
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!("`cargo metadata` failed ({})", out.status));
    }
    let json = String::from_utf8_lossy(&out.stdout);
    json_string_field(&json, "target_directory")
        .map(PathBuf::from)
        .ok_or_else(|| "`cargo metadata` printed no target_directory".into())
}

/// The string value of the first `"key":` in `json`, unescaped. Enough for cargo's
/// compact output, where a key cannot occur inside a string value (its quotes would be
/// escaped there); xtask has no JSON parser (no dependencies at all).
fn json_string_field(json: &str, key: &str) -> Option<String> {
    let start = json.find(&format!("\"{key}\":"))? + key.len() + 3;
    let mut chars = json[start..].trim_start().strip_prefix('"')?.chars();
    let mut value = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(value),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'r' => value.push('\r'),
                'b' => value.push('\u{8}'),
                'f' => value.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                // `"`, `\` and `/` stand for themselves.
                c => value.push(c),
            },
            c => value.push(c),
        }
    }
}

/// A command run from the workspace root.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root());
    c
}

fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs `c` (its stderr to the terminal) and returns its standard output.
pub fn capture(mut c: Command) -> Result<String, String> {
    let line = describe(&c);
    eprintln!("\n$ {line}");
    let out = c
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("{line}: {e}"))?;
    if !out.status.success() {
        return Err(format!("`{line}` failed ({})", out.status));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("`{line}` printed non-UTF-8 output"))
}

/// Runs `c`, streaming its output; an error if it fails.
pub fn run(mut c: Command) -> Result<(), String> {
    let line = describe(&c);
    eprintln!("\n$ {line}");
    let status = c.status().map_err(|e| format!("{line}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Runs `c`, streaming its output to the terminal and also returning it (stdout
/// and stderr merged), so that test counts can be read from it.
pub fn run_tee(mut c: Command) -> Result<String, String> {
    use std::io::{BufRead, BufReader, Write};
    let line = describe(&c);
    eprintln!("\n$ {line}");
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().map_err(|e| format!("{line}: {e}"))?;
    let stderr = child.stderr.take().expect("piped stderr");
    let err_thread = std::thread::spawn(move || {
        let mut out = String::new();
        for l in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{l}");
            out.push_str(&l);
            out.push('\n');
        }
        out
    });
    let mut out = String::new();
    let stdout = child.stdout.take().expect("piped stdout");
    for l in BufReader::new(stdout).lines().map_while(Result::ok) {
        println!("{l}");
        let _ = std::io::stdout().flush();
        out.push_str(&l);
        out.push('\n');
    }
    out.push_str(&err_thread.join().unwrap_or_default());
    let status = child.wait().map_err(|e| format!("{line}: {e}"))?;
    if status.success() {
        Ok(out)
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Whether `program` runs (is on PATH).
pub fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The output of a command, trimmed, or `None` if it fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `s` in double quotes with `\` and `"` escaped: a JSON string, and a TOML basic
/// string, for paths written into generated files.
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::{cmd, json_string_field, root, target_dir_of};

    #[test]
    fn reads_a_string_field_of_cargo_metadata() {
        let json = r#"{"packages":[{"description":"see \"target_directory\": here"}],"target_directory":"C:\\work\\t \"x\" \u00e9","version":1}"#;
        assert_eq!(
            json_string_field(json, "target_directory").as_deref(),
            Some(r#"C:\work\t "x" é"#)
        );
        assert_eq!(json_string_field(json, "workspace_root"), None);
        assert_eq!(
            json_string_field(r#"{"target_directory":"unterminated"#, "target_directory"),
            None
        );
    }

    /// The path every task builds its paths on follows `CARGO_TARGET_DIR`, absolute or
    /// relative to the directory cargo runs in (the root).
    #[test]
    fn the_target_dir_follows_cargo_target_dir() {
        let elsewhere = std::env::temp_dir().join("nango-xtask-target-dir-test");
        let mut cargo = cmd("cargo", &[]);
        cargo.env("CARGO_TARGET_DIR", &elsewhere);
        assert_eq!(target_dir_of(cargo).unwrap(), elsewhere);
        let mut cargo = cmd("cargo", &[]);
        cargo.env("CARGO_TARGET_DIR", "relative/target");
        assert_eq!(
            target_dir_of(cargo).unwrap(),
            root().join("relative/target")
        );
    }
}
