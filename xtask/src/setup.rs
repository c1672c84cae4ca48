//! `cargo xtask setup`: installs whatever is missing, each tool probed first.

use super::{
    say, show_command, step, Ctx, AXE_CORE_PREFIX, AXE_CORE_VERSION, CHROMEDRIVER, CHROMIUM, TRUNK_VERSION, WASM_TARGET,
};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Installs whatever is missing. Every tool is probed first, so a second run
/// only prints "already present" lines and takes a second.
pub(super) fn setup(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_wasm_target(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_components(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_trunk(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_wasm_bindgen(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_system_packages(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_axe_core(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn axe_core_dir(ctx: &Ctx) -> PathBuf {
    ctx.root.join(AXE_CORE_PREFIX).join("node_modules").join("axe-core")
}

/// `apt-get ARGS`, through `sudo` unless we are root, never asking questions.
pub(super) fn apt_get(ctx: &Ctx, args: &[&str]) -> Result<Command, String> {
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
pub(super) fn install_aiosmtpd(ctx: &Ctx) -> Result<(), String> {
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
pub(super) fn ensure_test_services(ctx: &Ctx) -> Result<String, String> {
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
        // After an unclean stop PostgreSQL syncs its whole data directory before it
        // accepts connections, which can outlast pg_ctl's default wait of 60 s.
        let timeout = POSTGRES_START_TIMEOUT_SECONDS.to_string();
        step("services", as_root(ctx, "pg_ctlcluster", &[version, name, "start", "--", "-t", &timeout])?)?;
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
    drop_leftover_databases(ctx, port)?;
    Ok(format!("postgres://vigie:vigie@127.0.0.1:{port}/vigie_test"))
}

/// How long `pg_ctlcluster start` may wait for the cluster to accept connections.
const POSTGRES_START_TIMEOUT_SECONDS: u32 = 600;

/// The prefix of the databases the server's tests create, one per test
/// (`crates/server/tests/api/harness.rs`).
const TEST_DATABASE_PREFIX: &str = "vigie_t_";

/// Drops the databases earlier test runs left behind. Each test creates its own and
/// nothing drops it when the test ends, so they pile up run after run: 1,500 of them
/// (14 GB) made a PostgreSQL restarting after an unclean stop spend minutes syncing them.
/// No test runs yet when this is called, so every such database is a leftover.
fn drop_leftover_databases(ctx: &Ctx, port: &str) -> Result<(), String> {
    let list = format!("SELECT datname FROM pg_database WHERE datname LIKE '{TEST_DATABASE_PREFIX}%'");
    let output = as_postgres(ctx, &["psql", "-p", port, "-tAc", &list])?
        .output()
        .map_err(|e| format!("services: cannot list the test databases: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "services: listing the test databases failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let listing = String::from_utf8_lossy(&output.stdout);
    let leftovers = test_databases(&listing);
    if leftovers.is_empty() {
        return Ok(());
    }
    say("services", format!("dropping {} test databases left by earlier runs…", leftovers.len()));
    // One psql for all of them: each `-c` runs on its own, outside a transaction block
    // as DROP DATABASE requires, without a process per database.
    let drops: Vec<String> = leftovers.iter().map(|name| format!("DROP DATABASE IF EXISTS {name}")).collect();
    let mut args = vec!["psql", "-q", "-p", port, "-v", "ON_ERROR_STOP=1"];
    for drop in &drops {
        args.extend(["-c", drop.as_str()]);
    }
    step("services", as_postgres(ctx, &args)?)
}

/// The names in `psql -tA` output that are test databases, and only those: a name is
/// passed to `dropdb`, so anything but the harness's own pattern is left alone.
pub(super) fn test_databases(listing: &str) -> Vec<&str> {
    listing
        .lines()
        .map(str::trim)
        .filter(|name| {
            name.strip_prefix(TEST_DATABASE_PREFIX)
                .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '_'))
        })
        .collect()
}

/// `program ARGS` as root (through `sudo` unless we are root).
pub(super) fn as_root(ctx: &Ctx, program: &str, args: &[&str]) -> Result<Command, String> {
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
pub(super) fn as_postgres(ctx: &Ctx, args: &[&str]) -> Result<Command, String> {
    let mut full = vec!["-u", "postgres", "--"];
    full.extend(args);
    let mut command = as_root(ctx, "runuser", &full)?;
    // runuser keeps the working directory, which the postgres user may not read.
    command.current_dir("/");
    Ok(command)
}

/// Whether a `--version` output such as `trunk 0.21.14` names exactly `version`
/// (so `0.2.13` does not match `0.2.130`).
pub(super) fn prints_version(output: &str, version: &str) -> bool {
    output.split_whitespace().any(|word| word.trim_start_matches('v') == version)
}

/// The version of package `name` in the text of a `Cargo.lock`, from its
/// `[[package]]` blocks (`name = "..."` followed by `version = "..."`).
pub(super) fn locked_version(lock: &str, name: &str) -> Option<String> {
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
pub(super) fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim();
    rest.strip_prefix('"')?.strip_suffix('"')
}
