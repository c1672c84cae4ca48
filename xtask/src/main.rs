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

use std::env;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{self, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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
/// measured 289, 331 and 373 KB); the share of each is still to be measured.
const REPORT_GZIP_LIMIT_BYTES: u64 = 310 * 1024;
const APP_GZIP_LIMIT_BYTES: u64 = 355 * 1024;
const OFFICE_GZIP_LIMIT_BYTES: u64 = 390 * 1024;
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

// ---------------------------------------------------------------------------
// setup

/// Installs whatever is missing. Every tool is probed first, so a second run
/// only prints "already present" lines and takes a second.
fn setup(ctx: &Ctx) -> Result<(), String> {
    ensure_wasm_target(ctx)?;
    ensure_components(ctx)?;
    ensure_trunk(ctx)?;
    ensure_wasm_bindgen(ctx)?;
    ensure_system_packages(ctx)?;
    ensure_axe_core(ctx)?;
    say("setup", "all tools present");
    Ok(())
}

/// The app and the engine's wasm tests compile for `wasm32-unknown-unknown`.
fn ensure_wasm_target(ctx: &Ctx) -> Result<(), String> {
    let installed = ctx.probe("rustup", &["target", "list", "--installed"]).ok_or_else(|| {
        "setup: `rustup target list --installed` failed; is rustup installed and on PATH?".to_string()
    })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        say("setup", format!("Rust target {WASM_TARGET} already present"));
        return Ok(());
    }
    say("setup", format!("adding Rust target {WASM_TARGET}…"));
    step("setup", ctx.command("rustup", &["target", "add", WASM_TARGET]))
}

/// `cargo fmt` and `cargo clippy` check every crate's layout and lints before the tests.
fn ensure_components(ctx: &Ctx) -> Result<(), String> {
    let installed = ctx.probe("rustup", &["component", "list", "--installed"]).ok_or_else(|| {
        "setup: `rustup component list --installed` failed; is rustup installed and on PATH?".to_string()
    })?;
    for component in ["rustfmt", "clippy"] {
        if installed.lines().any(|line| line.trim().starts_with(&format!("{component}-"))) {
            say("setup", format!("Rust component {component} already present"));
            continue;
        }
        say("setup", format!("adding Rust component {component}…"));
        step("setup", ctx.command("rustup", &["component", "add", component]))?;
    }
    Ok(())
}

/// Trunk builds the browser app (`trunk build --release`).
fn ensure_trunk(ctx: &Ctx) -> Result<(), String> {
    let found = ctx.probe("trunk", &["--version"]);
    if found.as_deref().is_some_and(|out| prints_version(out, TRUNK_VERSION)) {
        say("setup", format!("Trunk {TRUNK_VERSION} already present"));
        return Ok(());
    }
    say("setup", format!("installing Trunk {TRUNK_VERSION} (about 9 minutes on 2 cores)…"));
    step("setup", ctx.cargo(&["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen`
/// crate the app links, or the generated glue does not match the wasm. The
/// same package provides `wasm-bindgen-test-runner`, the wasm test runner
/// named in `.cargo/config.toml`.
fn ensure_wasm_bindgen(ctx: &Ctx) -> Result<(), String> {
    let lock_path = ctx.root.join("Cargo.lock");
    if !lock_path.exists() {
        say("setup", "no Cargo.lock yet, generating it…");
        step("setup", ctx.cargo(&["generate-lockfile"]))?;
    }
    let lock =
        fs::read_to_string(&lock_path).map_err(|err| format!("setup: cannot read {}: {err}", lock_path.display()))?;
    let version = locked_version(&lock, "wasm-bindgen").ok_or_else(|| {
        format!("setup: no `wasm-bindgen` package in {}; does the app depend on wasm-bindgen?", lock_path.display())
    })?;

    let found = ctx.probe("wasm-bindgen", &["--version"]);
    let cli_matches = found.as_deref().is_some_and(|out| prints_version(out, &version));
    if cli_matches && ctx.on_path("wasm-bindgen-test-runner") {
        say("setup", format!("wasm-bindgen CLI {version} already present"));
        return Ok(());
    }
    say("setup", format!("installing wasm-bindgen CLI {version} (about 5 minutes on 2 cores)…"));
    // Without `--locked`: the CLI's own lock file names a crate version the
    // registry lacks.
    step("setup", ctx.cargo(&["install", "wasm-bindgen-cli", "--version", &version]))
}

/// Chromium + ChromeDriver (browser tests), Node.js (runs the engine's wasm
/// tests), npm (installs axe-core) and brotli (compresses the built app once, for the
/// server to send as it is), from Debian packages.
fn ensure_system_packages(ctx: &Ctx) -> Result<(), String> {
    let mut packages: Vec<&str> = Vec::new();

    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        say("setup", "Chromium and ChromeDriver already present");
    } else {
        packages.extend(["chromium", "chromium-driver"]);
    }
    if ctx.on_path("node") {
        say("setup", "Node.js already present");
    } else {
        packages.push("nodejs");
    }
    if ctx.on_path("npm") {
        say("setup", "npm already present");
    } else {
        packages.push("npm");
    }
    if ctx.on_path("brotli") {
        say("setup", "brotli already present");
    } else {
        packages.push("brotli");
    }
    if packages.is_empty() {
        return Ok(());
    }

    say("setup", format!("installing {} with apt-get…", packages.join(", ")));
    step("setup", apt_get(ctx, &["update"])?)?;
    let mut install = vec!["install", "-y"];
    install.extend(&packages);
    step("setup", apt_get(ctx, &install)?)
}

/// axe-core's `axe.min.js`, which the end-to-end accessibility tests inject into each
/// page: installed from npm into `target/axe-core/` unless that exact version is there.
fn ensure_axe_core(ctx: &Ctx) -> Result<(), String> {
    let package = axe_core_dir(ctx);
    let installed = fs::read_to_string(package.join("package.json")).unwrap_or_default();
    let version = format!("\"version\": \"{AXE_CORE_VERSION}\"");
    if package.join("axe.min.js").is_file() && installed.contains(&version) {
        say("setup", format!("axe-core {AXE_CORE_VERSION} already present"));
        return Ok(());
    }
    say("setup", format!("installing axe-core {AXE_CORE_VERSION} into {AXE_CORE_PREFIX}/ with npm…"));
    let spec = format!("axe-core@{AXE_CORE_VERSION}");
    step(
        "setup",
        ctx.command("npm", &["install", "--prefix", AXE_CORE_PREFIX, "--no-save", "--no-audit", "--no-fund", &spec]),
    )
}

/// The folder of the axe-core package npm installs.
fn axe_core_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join(AXE_CORE_PREFIX).join("node_modules").join("axe-core")
}

/// `apt-get ARGS`, through `sudo` unless we are root, never asking questions.
fn apt_get(ctx: &Ctx, args: &[&str]) -> Result<Command, String> {
    let uid =
        ctx.probe("id", &["-u"]).ok_or_else(|| "setup: `id -u` failed; cannot tell whether we are root".to_string())?;
    let mut command = if uid.trim() == "0" {
        ctx.command("apt-get", args)
    } else {
        if !ctx.on_path("sudo") {
            return Err(format!("setup: not root and no sudo; run `apt-get {}` as root", args.join(" ")));
        }
        // sudo resets the environment; `env` carries the one variable through.
        let mut full = vec!["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"];
        full.extend(args);
        ctx.command("sudo", &full)
    };
    command.env("DEBIAN_FRONTEND", "noninteractive");
    Ok(command)
}

/// Installs Python's `aiosmtpd` for the `python3` on our `PATH`: with pip; where the
/// system's Python is externally managed (PEP 668, Debian 12 and later), with pip for the
/// user only (`--user --break-system-packages`, which leaves the system's packages alone);
/// and without pip, from the distribution (`python3-aiosmtpd`).
fn install_aiosmtpd(ctx: &Ctx) -> Result<(), String> {
    let pip = |extra: &[&str]| {
        let mut args = vec!["-m", "pip", "install", "--quiet"];
        args.extend(extra);
        args.push("aiosmtpd");
        let mut command = ctx.command("python3", &args);
        command.stdin(Stdio::null());
        say("services", format!("installing aiosmtpd (a real SMTP server for the tests): {}", show_command(&command)));
        command.status().is_ok_and(|s| s.success())
    };
    let installed = || ctx.probe("python3", &["-c", "import aiosmtpd"]).is_some();
    if (pip(&[]) || pip(&["--user", "--break-system-packages"])) && installed() {
        return Ok(());
    }
    say("services", "pip could not install aiosmtpd: trying the distribution's package with apt-get…");
    step("services", apt_get(ctx, &["install", "-y", "python3-aiosmtpd"])?)?;
    if installed() {
        Ok(())
    } else {
        Err("services: aiosmtpd is still missing for python3; install it (pip install --user aiosmtpd)".into())
    }
}

/// The services the server's tests talk to: a PostgreSQL server (the API tests run on
/// SQLite and again on PostgreSQL) and Python's `aiosmtpd` (a real SMTP server). Returns
/// the PostgreSQL URL the tests use.
fn ensure_test_services(ctx: &Ctx) -> Result<String, String> {
    if let Ok(url) = env::var("VIGIE_TEST_POSTGRES_URL") {
        say("services", format!("using VIGIE_TEST_POSTGRES_URL={url}"));
    }
    if ctx.probe("python3", &["-c", "import aiosmtpd"]).is_some() {
        say("services", "aiosmtpd already present");
    } else {
        install_aiosmtpd(ctx)?;
    }
    if let Ok(url) = env::var("VIGIE_TEST_POSTGRES_URL") {
        return Ok(url);
    }
    if !ctx.on_path("pg_lsclusters") {
        say("services", "installing PostgreSQL with apt-get…");
        step("services", apt_get(ctx, &["update"])?)?;
        step("services", apt_get(ctx, &["install", "-y", "postgresql"])?)?;
    }
    let clusters = ctx.probe("pg_lsclusters", &["-h"]).unwrap_or_default();
    let Some(cluster) = clusters.lines().next().map(|l| l.split_whitespace().collect::<Vec<_>>()) else {
        return Err("services: PostgreSQL is installed but has no cluster (pg_lsclusters is empty)".into());
    };
    let (version, name, port, status) = match cluster.as_slice() {
        [version, name, port, status, ..] => (*version, *name, *port, *status),
        _ => return Err(format!("services: cannot read pg_lsclusters output {clusters:?}")),
    };
    if status != "online" {
        say("services", format!("starting PostgreSQL {version}/{name} on port {port}…"));
        step("services", as_root(ctx, "pg_ctlcluster", &[version, name, "start"])?)?;
    } else {
        say("services", format!("PostgreSQL {version}/{name} already running on port {port}"));
    }
    let sql = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vigie') THEN \
               CREATE ROLE vigie LOGIN CREATEDB PASSWORD 'vigie'; END IF; END $$;";
    step("services", as_postgres(ctx, &["psql", "-q", "-p", port, "-v", "ON_ERROR_STOP=1", "-c", sql])?)?;
    let exists =
        as_postgres(ctx, &["psql", "-p", port, "-tAc", "SELECT 1 FROM pg_database WHERE datname = 'vigie_test'"])?
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "1")
            .unwrap_or(false);
    if !exists {
        step("services", as_postgres(ctx, &["createdb", "-p", port, "-O", "vigie", "vigie_test"])?)?;
    }
    Ok(format!("postgres://vigie:vigie@127.0.0.1:{port}/vigie_test"))
}

/// `program ARGS` as root (through `sudo` unless we are root).
fn as_root(ctx: &Ctx, program: &str, args: &[&str]) -> Result<Command, String> {
    let uid = ctx.probe("id", &["-u"]).unwrap_or_default();
    if uid.trim() == "0" {
        Ok(ctx.command(program, args))
    } else if ctx.on_path("sudo") {
        let mut full = vec![program];
        full.extend(args);
        Ok(ctx.command("sudo", &full))
    } else {
        Err(format!("services: not root and no sudo; run `{program} {}` as root", args.join(" ")))
    }
}

/// `ARGS` as the `postgres` system user, who administers the cluster.
fn as_postgres(ctx: &Ctx, args: &[&str]) -> Result<Command, String> {
    let mut full = vec!["-u", "postgres", "--"];
    full.extend(args);
    let mut command = as_root(ctx, "runuser", &full)?;
    // runuser keeps the working directory, which the postgres user may not read.
    command.current_dir("/");
    Ok(command)
}

/// Whether a `--version` output such as `trunk 0.21.14` names exactly `version`
/// (so `0.2.13` does not match `0.2.130`).
fn prints_version(output: &str, version: &str) -> bool {
    output.split_whitespace().any(|word| word.trim_start_matches('v') == version)
}

/// The version of package `name` in the text of a `Cargo.lock`, from its
/// `[[package]]` blocks (`name = "..."` followed by `version = "..."`).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut in_wanted_package = false;
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') {
            in_wanted_package = false;
        } else if let Some(value) = toml_string(line, "name") {
            in_wanted_package = value == name;
        } else if let Some(value) = toml_string(line, "version") {
            if in_wanted_package {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// The value of a `key = "value"` line, if the line sets `key`.
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim();
    rest.strip_prefix('"')?.strip_suffix('"')
}

// ---------------------------------------------------------------------------
// test

/// One part of the test suite: a name for the summary and a command.
struct TestStep {
    name: &'static str,
    command: Command,
    /// What to check first when this step fails.
    hint: &'static str,
}

/// Setup, then every kind of test in order, cheapest first, stopping at the
/// first failure. `--quick` runs only the native tests.
fn test(ctx: &Ctx, mode: TestMode) -> Result<(), String> {
    let started = Instant::now();
    if mode == TestMode::Full {
        setup(ctx)?;
        write_webdriver_json(ctx)?;
    }

    let postgres_url = ensure_test_services(ctx)?;
    let mut steps = vec![
        TestStep {
            name: "layout",
            command: ctx.cargo(&["fmt", "--all", "--check"]),
            hint: "run `cargo fmt --all`; the rules are in rustfmt.toml",
        },
        TestStep {
            name: "lints",
            command: ctx.cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
            hint: "every crate built for this machine, tests included, with clippy's default lints",
        },
    ];
    if mode == TestMode::Full {
        steps.push(TestStep {
            name: "lints of the browser app",
            command: ctx.cargo(&[
                "clippy",
                "-p",
                "vigie-app",
                "--target",
                WASM_TARGET,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            hint: "the app and its browser tests as they compile for the browser",
        });
    }
    // The end-to-end tests need the release build of the app: they run after it, below.
    let mut native = ctx.cargo(&["test", "--workspace", "--exclude", "vigie-app", "--exclude", "vigie-e2e"]);
    native.env("VIGIE_TEST_POSTGRES_URL", &postgres_url);
    steps.push(TestStep {
        name: "native tests",
        command: native,
        hint: "engine, server (API on SQLite and PostgreSQL) and xtask tests, doctests included",
    });
    if mode == TestMode::Full {
        steps.push(TestStep {
            name: "engine tests in wasm",
            command: ctx.cargo(&["test", "-p", "vigie-engine", "--target", WASM_TARGET]),
            hint: "runs in Node.js through wasm-bindgen-test-runner; the engine must not \
                   touch the clock, files or threads",
        });
        let mut browser = ctx.cargo(&["test", "-p", "vigie-app", "--target", WASM_TARGET]);
        browser
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", ctx.root.join("webdriver.json"));
        // wasm-bindgen-test-runner takes any ChromeDriver output on stderr for a
        // failed start; in a container without IPv6 ChromeDriver warns there
        // although it listens fine. `--silent` keeps it quiet.
        if env::var_os("CHROMEDRIVER_ARGS").is_none() {
            browser.env("CHROMEDRIVER_ARGS", "--silent");
        }
        steps.push(TestStep {
            name: "browser tests of the app",
            command: browser,
            hint: "headless Chromium driven by ChromeDriver; options in webdriver.json",
        });
        steps.push(TestStep {
            name: "release build of the app",
            command: ctx.command("trunk", &["build", "--release"]),
            hint: "Trunk.toml and index.html at the workspace root",
        });
        steps.push(TestStep {
            name: "release build of the back office",
            command: office_build(ctx),
            hint: "office.html at the workspace root, built into dist/office/",
        });
        steps.push(TestStep {
            name: "release build of the reporting page",
            command: report_build(ctx),
            hint: "report.html at the workspace root, built into dist/report/",
        });
        steps.push(TestStep {
            name: "brotli and gzip copies of the built files",
            command: precompress(ctx),
            hint: "brotli -q 11 and gzip -9 beside each file of dist/, which the server sends as they are",
        });
        let mut e2e = ctx.cargo(&["test", "-p", "vigie-e2e"]);
        e2e.env("CHROMEDRIVER", CHROMEDRIVER)
            .env("VIGIE_E2E_DIST", ctx.root.join("dist"))
            .env("VIGIE_AXE_JS", axe_core_dir(ctx).join("axe.min.js"));
        steps.push(TestStep {
            name: "end-to-end tests in Chromium",
            command: e2e,
            hint: "the release build of the app served by the real server, driven in headless \
                   Chromium through ChromeDriver, every page checked by axe-core (WCAG 2.1 A and \
                   AA); screenshots in target/screenshots/",
        });
    }

    let total = steps.len() + usize::from(mode == TestMode::Full);
    let mut number = 0;
    for TestStep { name, command, hint } in steps {
        number += 1;
        say("test", format!("[{number}/{total}] {name}: {}", show_command(&command)));
        let step_started = Instant::now();
        step(name, command).map_err(|err| format!("{err}\n  ({hint})"))?;
        say("test", format!("[{number}/{total}] {name} passed in {}", format_duration(step_started.elapsed())));
    }

    let mut summary = String::new();
    if mode == TestMode::Full {
        number += 1;
        say("test", format!("[{number}/{total}] size budget of dist/"));
        let report_gzip =
            check_dist_size(ctx, "reporting page", &ctx.root.join("dist").join("report"), REPORT_GZIP_LIMIT_BYTES)?;
        let app_gzip = check_dist_size(ctx, "app", &ctx.root.join("dist"), APP_GZIP_LIMIT_BYTES)?;
        let office_gzip =
            check_dist_size(ctx, "back office", &ctx.root.join("dist").join("office"), OFFICE_GZIP_LIMIT_BYTES)?;
        summary = format!(
            ", gzipped: reporting page {}, app {}, back office {}",
            kb(report_gzip),
            kb(app_gzip),
            kb(office_gzip)
        );
    }

    let what = match mode {
        TestMode::Full => "all checks passed",
        TestMode::Quick => "native tests passed (--quick: setup, wasm, browser, end-to-end and size checks skipped)",
    };
    say("test", format!("{what} in {}{summary}", format_duration(started.elapsed())));
    Ok(())
}

/// Writes the Chromium options the browser tests use, unless already up to date.
fn write_webdriver_json(ctx: &Ctx) -> Result<(), String> {
    let path = ctx.root.join("webdriver.json");
    if fs::read_to_string(&path).ok().as_deref() == Some(WEBDRIVER_JSON) {
        return Ok(());
    }
    fs::write(&path, WEBDRIVER_JSON).map_err(|err| format!("test: cannot write {}: {err}", path.display()))
}

/// The back office's own bundle (administration, reports, lessons), built after the app
/// because Trunk replaces its whole output folder: `dist/office/`, served under `/office/`.
fn office_build(ctx: &Ctx) -> Command {
    ctx.command("trunk", &["build", "office.html", "--release", "--dist", "dist/office", "--public-url", "/office/"])
}

/// The reporting page's own bundle, the first thing a phone downloads: `dist/report/`,
/// served under `/report/`, built last of the three because Trunk replaces its whole output
/// folder.
fn report_build(ctx: &Ctx) -> Command {
    ctx.command("trunk", &["build", "report.html", "--release", "--dist", "dist/report", "--public-url", "/report/"])
}

/// A brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every text and
/// wasm file of `dist/`, once per build: the server sends the copy the browser accepts, as
/// it is, with no compression work per request.
fn precompress(ctx: &Ctx) -> Command {
    let mut command = ctx.command("sh", &["-c", PRECOMPRESS]);
    command.current_dir(ctx.root.join("dist"));
    command
}

/// The shell line of [`precompress`], run in `dist/`.
const PRECOMPRESS: &str = "find . -type f \\( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html'     -o -name '*.svg' -o -name '*.webmanifest' \\) -exec brotli -q 11 -k -f {} + -exec gzip -9 -k -f -n {} +";

/// Prints the gzipped size of the `.wasm`, `.js` and `.css` files Trunk left in `dist`
/// (one bundle: the app, or the back office), and fails if the bundle goes over budget.
/// Returns its total.
fn check_dist_size(ctx: &Ctx, bundle: &str, dist: &Path, limit: u64) -> Result<u64, String> {
    let entries = fs::read_dir(dist).map_err(|err| format!("size budget: cannot read {}: {err}", dist.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| matches!(path.extension().and_then(OsStr::to_str), Some("wasm" | "js" | "css")))
        .collect();
    files.sort();

    let (mut wasm, mut total) = (0u64, 0u64);
    for file in &files {
        let raw =
            fs::metadata(file).map_err(|err| format!("size budget: cannot read {}: {err}", file.display()))?.len();
        let gzipped = gzipped_size(ctx, file)?;
        let shown = file.strip_prefix(&ctx.root).unwrap_or(file);
        say("test", format!("  {}: {} raw, {} gzipped", shown.display(), kb(raw), kb(gzipped)));
        total += gzipped;
        if file.extension() == Some(OsStr::new("wasm")) {
            wasm += gzipped;
        }
    }
    if !files.iter().any(|file| file.extension() == Some(OsStr::new("wasm"))) {
        return Err(format!(
            "size budget: no .wasm file in {}; did `trunk build --release` build the app?",
            dist.display()
        ));
    }
    let line = format!("{bundle} gzipped: {} of which wasm {} (limit {} KB)", kb(total), kb(wasm), limit / 1024);
    say("test", &line);
    if total > limit {
        return Err(format!("size budget exceeded: {line}"));
    }
    Ok(total)
}

/// The size of `file` compressed by `gzip -9`, as a browser would download it.
fn gzipped_size(ctx: &Ctx, file: &Path) -> Result<u64, String> {
    let mut command = ctx.command("gzip", &["-9", "-c"]);
    command.arg(file).stdin(Stdio::null());
    let shown = show_command(&command);
    let output = command.output().map_err(|err| format!("size budget: could not start `{shown}`: {err}"))?;
    if !output.status.success() {
        return Err(format!("size budget: `{shown}` failed ({})", describe_status(output.status)));
    }
    Ok(output.stdout.len() as u64)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

// ---------------------------------------------------------------------------
// run

/// Setup, release builds of the app and the server, then the demo server in
/// the foreground. Its exit status becomes ours.
fn run(ctx: &Ctx, serve_args: &[String]) -> Result<(), String> {
    setup(ctx)?;
    say("run", "building the app (trunk build --release)…");
    step("run", ctx.command("trunk", &["build", "--release"]))?;
    step("run", office_build(ctx))?;
    step("run", report_build(ctx))?;
    step("run", precompress(ctx))?;
    say("run", "building the server (cargo build --release --bin vigie)…");
    step("run", ctx.cargo(&["build", "--release", "--bin", "vigie"]))?;

    let vigie = ctx.root.join("target").join("release").join("vigie");
    let addr = addr_arg(serve_args).unwrap_or(DEFAULT_ADDR);
    say("run", format!("serving http://{addr}/ (Ctrl-C to stop)"));
    let mut command = ctx.command(&vigie, &["serve", "--demo"]);
    command.args(serve_args).env("VIGIE_DIST", ctx.root.join("dist"));
    let shown = show_command(&command);
    let status = command.status().map_err(|err| format!("run: could not start `{shown}`: {err}"))?;
    if status.success() {
        return Ok(());
    }
    eprintln!("vigie run: `{shown}` stopped ({})", describe_status(status));
    process::exit(exit_code(status));
}

/// The value of `--addr X` or `--addr=X` among the arguments for `vigie serve`.
fn addr_arg(args: &[String]) -> Option<&str> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--addr" {
            return args.next().map(String::as_str);
        }
        if let Some(value) = arg.strip_prefix("--addr=") {
            return Some(value);
        }
    }
    None
}

/// The exit code a shell would report for `status` (128 + signal if killed).
fn exit_code(status: ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return 128 + signal;
        }
    }
    1
}

// ---------------------------------------------------------------------------
// bench

/// The engine's benchmarks (deadlines natively and in headless Chromium, classification,
/// the suggestion's corpus), the server's and the browser app's.
fn bench(ctx: &Ctx) -> Result<(), String> {
    say("bench", "engine: deadlines against ule-hours and workclock, then in headless Chromium; classification");
    write_webdriver_json(ctx)?;
    step("bench", ctx.cargo(&["bench", "-p", "vigie-engine", "--bench", "deadlines"]))?;
    say("bench", "engine: the priority suggestion on the labelled corpus (accuracy, confusion matrix, under-ratings)");
    step("bench", ctx.cargo(&["bench", "-p", "vigie-engine", "--bench", "corpus"]))?;
    say("bench", "server: 200 wall displays and incident creations on the release binary");
    step("bench", ctx.cargo(&["build", "--release", "-p", "vigie-server"]))?;
    step("bench", ctx.cargo(&["bench", "-p", "vigie-server", "--bench", "load"]))?;
    say("bench", "server: 200 logins at once, the server's peak memory");
    step("bench", ctx.cargo(&["bench", "-p", "vigie-server", "--bench", "logins"]))?;
    say("bench", "browser: the wall with 1,000 incidents and the suggestion, in headless Chromium");
    write_webdriver_json(ctx)?;
    let mut browser = ctx.cargo(&["bench", "-p", "vigie-app", "--bench", "browser", "--target", WASM_TARGET]);
    browser.env("CHROMEDRIVER", CHROMEDRIVER).env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", ctx.root.join("webdriver.json"));
    if env::var_os("CHROMEDRIVER_ARGS").is_none() {
        browser.env("CHROMEDRIVER_ARGS", "--silent");
    }
    step("bench", browser)
}

// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| arg.to_string()).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(Task::parse(&args(&["setup"])), Ok(Task::Setup));
        assert_eq!(Task::parse(&args(&["test"])), Ok(Task::Test(TestMode::Full)));
        assert_eq!(Task::parse(&args(&["test", "--quick"])), Ok(Task::Test(TestMode::Quick)));
        assert_eq!(Task::parse(&args(&["bench"])), Ok(Task::Bench));
        assert_eq!(Task::parse(&args(&["--help"])), Ok(Task::Help));
    }

    #[test]
    fn run_passes_arguments_after_dashes() {
        assert_eq!(
            Task::parse(&args(&["run", "--", "--addr", "127.0.0.1:9000"])),
            Ok(Task::Run { serve_args: args(&["--addr", "127.0.0.1:9000"]) })
        );
        assert_eq!(Task::parse(&args(&["run"])), Ok(Task::Run { serve_args: vec![] }));
    }

    #[test]
    fn rejects_bad_command_lines() {
        assert!(Task::parse(&[]).is_err());
        assert!(Task::parse(&args(&["deploy"])).is_err());
        assert!(Task::parse(&args(&["test", "--slow"])).is_err());
        assert!(Task::parse(&args(&["setup", "now"])).is_err());
    }

    #[test]
    fn finds_addr_argument() {
        assert_eq!(addr_arg(&args(&["--addr", "0.0.0.0:80"])), Some("0.0.0.0:80"));
        assert_eq!(addr_arg(&args(&["--x", "--addr=[::1]:8000"])), Some("[::1]:8000"));
        assert_eq!(addr_arg(&args(&["--addr"])), None);
        assert_eq!(addr_arg(&[]), None);
    }

    #[test]
    fn reads_version_from_cargo_lock() {
        let lock = r#"
version = 4

[[package]]
name = "wasm-bindgen-shared"
version = "0.2.999"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]
"#;
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "absent"), None);
        // The lock file's own `version = 4` is not a package version.
        assert_eq!(locked_version("version = 4\n", "wasm-bindgen"), None);
    }

    #[test]
    fn matches_exact_versions_only() {
        assert!(prints_version("trunk 0.21.14\n", "0.21.14"));
        assert!(prints_version("wasm-bindgen 0.2.130", "0.2.130"));
        assert!(!prints_version("wasm-bindgen 0.2.130", "0.2.13"));
        assert!(!prints_version("trunk 0.22.0", "0.21.14"));
    }

    #[test]
    fn axe_core_version_is_the_one_the_accessibility_tests_name() {
        let tests = include_str!("../../crates/e2e/tests/e2e/accessibility.rs");
        let pinned = format!("const AXE_VERSION: &str = \"{AXE_CORE_VERSION}\";");
        assert!(tests.contains(&pinned), "{pinned} in accessibility.rs");
    }

    #[test]
    fn webdriver_json_names_chrome_options() {
        assert!(WEBDRIVER_JSON.contains("\"goog:chromeOptions\""));
        assert!(WEBDRIVER_JSON.contains("--disable-background-networking"));
    }
}
