//! `cargo xtask`: the one entry point to set up, test and run Vigie.
//!
//! Vigie needs more than `cargo`: a wasm target, Trunk, a wasm-bindgen CLI of
//! exactly the version in `Cargo.lock`, Chromium and ChromeDriver for the
//! browser tests, axe-core (from npm) for the accessibility checks. This
//! program installs whatever is missing, then builds and tests everything in
//! the right order, so that a fresh machine and CI (`.ci/run`) need a single
//! command.
//!
//! It is deliberately std-only: it must compile in seconds, before any of the
//! tools it installs exist.
//!
//! ```text
//! cargo xtask setup            install missing tools
//! cargo xtask test             setup, then native, wasm, browser and end-to-end tests and
//!                              the size budget
//! cargo xtask test --quick     native tests only (no setup)
//! cargo xtask run [-- ARGS]    setup, build, then `vigie serve --demo ARGS`
//! cargo xtask bench            engine benchmarks
//! ```

mod bench;
mod run;
mod setup;
mod suite;

use bench::bench;
use run::run;
use setup::{axe_core_dir, ensure_test_services, setup};
use suite::{office_build, precompress, report_build, test, write_webdriver_json};

use std::env;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{self, Command, ExitStatus, Stdio};
use std::time::Duration;

/// Trunk version: 0.22 needs a newer rustc than the one on our machines.
const TRUNK_VERSION: &str = "0.21.14";
/// The wasm target both the app and the engine's wasm tests build for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Where Debian's `chromium` and `chromium-driver` packages put their binaries.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// axe-core, the accessibility rule engine the end-to-end tests run in every page; an
/// exact version, so that a new rule never fails a build unannounced. Keep in step with
/// `AXE_VERSION` in crates/e2e/tests/e2e/accessibility.rs.
const AXE_CORE_VERSION: &str = "4.14.1";
/// Where npm installs it, under the workspace (`target/` is not versioned).
const AXE_CORE_PREFIX: &str = "target/axe-core";
/// Budgets of the three bundles (wasm, JS and CSS), gzipped, as a browser downloads them
/// when it does not take brotli. What a phone downloads for `/report` on the wire (brotli,
/// every request counted) is measured by the end-to-end tests; these guard against bloat.
///
/// The reporting page holds the priority suggestion, whose lexicon (about 2,800 French and
/// English forms, 13 KB gzipped) and reading code weigh about 40 KB, and the deadline
/// preview. The app (incidents, wall, post-mortems) and the back office no longer carry it.
/// Raised when the confirmation, invitation, assignment, conversation and policy screens
/// and the engine's business-time table came in (each bundle about 30 KB heavier gzipped,
/// measured 289, 331 and 373 KB); the share of each is still to be measured. The app raised
/// from 355 KB with an incident's files and their upload (12.3 KB: 364,819 bytes against
/// 352,565 on the same engine), the back office from 390 KB with the weekly on-call pattern's
/// editor (16.9 KB: 415,378 against 398,467), then from 410 KB when the administration's
/// lists and forms became the `api` crate's types (accounts, audit log, organisations,
/// contracts' values: 413.4 KB against 404.5 KB on the same engine; read with
/// `vigie_api::FromJson` rather than derived parsers, `docs/design.md`). The reviews, lessons,
/// SLA report, on-call rota and administration's answers typed the same way came within it,
/// once decimals, dates and amounts written and read with integers had taken the standard
/// library's float code and chrono's format strings out: 402,249 bytes, and the budget came
/// down to 400 KB; the reporting bundle's to 300 KB once it no longer parsed a waiting
/// report back and sorted through fewer routines (298,656 bytes), then up to 305 KB for the
/// priority suggestion's rules and forms of seven more blind batches (`brief-zh` to
/// `brief-zn`: 304,342 bytes before the last three, 309,017 after), then to 312 KB for those
/// of eight more (`brief-zp` to `brief-zw`: 314,678 bytes, 5.8 KB more, at most 2.4 KB of it the
/// lexicon's forms), then to 320 KB for those of seven more (`brief-yl` to `brief-yr`: 319,181
/// bytes before them, 324,395 after the rounds of the first five), then to 324 KB for those
/// of ten more (`brief-ys` to `brief-xd`: 325,661 bytes before them, 330,002 after), then to
/// 330 KB for the next round's (`brief-xe` to `brief-xj` and the probes: 335,721 bytes).
const REPORT_GZIP_LIMIT_BYTES: u64 = 330 * 1024;
const APP_GZIP_LIMIT_BYTES: u64 = 360 * 1024;
const OFFICE_GZIP_LIMIT_BYTES: u64 = 400 * 1024;
/// Address `vigie serve` listens on when no `--addr` is given (keep in step
/// with the server's own default).
const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Chromium options for the browser tests: headless, no sandbox (containers
/// run as root) and no background network traffic (CI runs on a closed network).
const WEBDRIVER_JSON: &str = r#"{
  "goog:chromeOptions": {
    "args": [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic"
    ]
  }
}
"#;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup               install missing tools (wasm target, Trunk, wasm-bindgen CLI,
                      Chromium + ChromeDriver, Node.js + npm, axe-core)
  test [--quick]      setup, then native tests, engine tests in wasm, browser tests of
                      the app, release build, end-to-end tests in Chromium against the
                      server (axe-core accessibility checks included) and whole-app
                      size budget;
                      --quick: native tests only, without setup
  run [-- ARGS...]    setup, build the app and the server, then run
                      `vigie serve --demo ARGS...`
  bench               run the benchmarks: the engine's deadlines and classification, the
                      server's load benchmark (200 event streams, 3,000 creations) and login
                      burst (200 logins at once), and the browser benchmark of the wall
                      (1,000 incidents) in headless Chromium
  help                print this message";

/// What the user asked for on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Task {
    Setup,
    Test(TestMode),
    Run { serve_args: Vec<String> },
    Bench,
    Help,
}

/// How much of the test suite to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TestMode {
    /// Everything, after setup: what CI runs.
    Full,
    /// Native tests only, for fast local iteration.
    Quick,
}

/// A command line that does not make sense; reported with the usage text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct UsageError(String);

impl Task {
    /// Reads the arguments that follow `cargo xtask`.
    fn parse(args: &[String]) -> Result<Task, UsageError> {
        let (command, rest) = match args.split_first() {
            Some((command, rest)) => (command.as_str(), rest),
            None => return Err(UsageError("missing command".into())),
        };
        match command {
            "setup" => no_more_args(command, rest).map(|()| Task::Setup),
            "bench" => no_more_args(command, rest).map(|()| Task::Bench),
            "help" | "-h" | "--help" => Ok(Task::Help),
            "test" => match rest {
                [] => Ok(Task::Test(TestMode::Full)),
                [flag] if flag == "--quick" => Ok(Task::Test(TestMode::Quick)),
                _ => Err(UsageError(format!("unexpected argument(s) to `test`: {}", rest.join(" ")))),
            },
            "run" => {
                // `cargo xtask run -- --addr X`: everything after `--` goes to `vigie serve`.
                let serve_args = match rest.split_first() {
                    Some((dashes, tail)) if dashes == "--" => tail.to_vec(),
                    _ => rest.to_vec(),
                };
                Ok(Task::Run { serve_args })
            }
            other => Err(UsageError(format!("unknown command `{other}`"))),
        }
    }
}

fn no_more_args(command: &str, rest: &[String]) -> Result<(), UsageError> {
    if rest.is_empty() {
        Ok(())
    } else {
        Err(UsageError(format!("`{command}` takes no arguments (got: {})", rest.join(" "))))
    }
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = match Task::parse(&args) {
        Ok(task) => task,
        Err(UsageError(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            process::exit(2);
        }
    };
    let ctx = Ctx::new();
    let result = match task {
        Task::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Task::Setup => setup(&ctx),
        Task::Test(mode) => test(&ctx, mode),
        Task::Run { serve_args } => run(&ctx, &serve_args),
        Task::Bench => bench(&ctx),
    };
    if let Err(message) = result {
        eprintln!("error: {message}");
        process::exit(1);
    }
}

/// Where commands run and what they see.
struct Ctx {
    /// The workspace root: every command runs there.
    root: PathBuf,
    /// `PATH` for children, with cargo's bin directory first so that freshly
    /// installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) are found
    /// even when the user's shell has not picked it up.
    path: OsString,
}

impl Ctx {
    fn new() -> Ctx {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf();
        Ctx { root, path: path_with_cargo_bin() }
    }

    /// A command for `program`, run at the workspace root with our `PATH`.
    fn command(&self, program: impl AsRef<OsStr>, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command.args(args).current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// `cargo` itself: the one that started us if known, so the toolchain matches.
    fn cargo(&self, args: &[&str]) -> Command {
        let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        self.command(cargo, args)
    }

    /// Whether `program` is an executable file in one of our `PATH` directories.
    fn on_path(&self, program: &str) -> bool {
        env::split_paths(&self.path).any(|dir| is_executable(&dir.join(program)))
    }

    /// The standard output of a probe such as `trunk --version`, or `None` if
    /// the program is missing or fails. Probes never abort setup.
    fn probe(&self, program: &str, args: &[&str]) -> Option<String> {
        let output = self.command(program, args).stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
        if output.status.success() {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            None
        }
    }
}

/// `$PATH` with `$CARGO_HOME/bin` (or `~/.cargo/bin`) in front, unless already there.
fn path_with_cargo_bin() -> OsString {
    let current = env::var_os("PATH").unwrap_or_default();
    let cargo_bin = match env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => match env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".cargo").join("bin"),
            None => return current,
        },
    };
    let mut dirs: Vec<PathBuf> = env::split_paths(&current).collect();
    if dirs.first() != Some(&cargo_bin) {
        dirs.retain(|dir| dir != &cargo_bin);
        dirs.insert(0, cargo_bin);
    }
    env::join_paths(dirs).unwrap_or(current)
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Prints a progress line for one part of a task.
fn say(task: &str, message: impl fmt::Display) {
    println!("vigie {task}: {message}");
}

/// Runs one command to completion, inheriting the terminal, and turns a
/// failure into a message that names the command and its exit status.
fn step(name: &str, mut command: Command) -> Result<(), String> {
    let shown = show_command(&command);
    let status = command.status().map_err(|err| format!("{name}: could not start `{shown}`: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name}: `{shown}` failed ({})", describe_status(status)))
    }
}

/// The command line as a user would type it, for messages.
fn show_command(command: &Command) -> String {
    let program = command.get_program().to_string_lossy();
    // Show `cargo` rather than the full path of the cargo binary.
    let program = match Path::new(program.as_ref()).file_name() {
        Some(name) if name == "cargo" => "cargo".into(),
        _ => program.into_owned(),
    };
    let mut shown = program;
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}

fn describe_status(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit status {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    "no exit status".into()
}

fn format_duration(duration: Duration) -> String {
    let secs = duration.as_secs();
    if secs >= 60 {
        format!("{}m{:02}s", secs / 60, secs % 60)
    } else {
        format!("{:.1}s", duration.as_secs_f64())
    }
}

#[cfg(test)]
mod tests;
