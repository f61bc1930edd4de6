//! Running commands: echo them, stream or capture their output, fail on non-zero.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
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
