//! `cargo xtask test`: every kind of test in order, cheapest first, and the size budget
//! of the three bundles.

use super::{
    axe_core_dir, describe_status, ensure_test_services, format_duration, say, setup, show_command, step, Ctx,
    TestMode, APP_GZIP_LIMIT_BYTES, CHROMEDRIVER, OFFICE_GZIP_LIMIT_BYTES, REPORT_GZIP_LIMIT_BYTES, WASM_TARGET,
    WEBDRIVER_JSON,
};
use std::env;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One part of the test suite: a name for the summary and a command.
pub(super) struct TestStep {
    name: &'static str,
    command: Command,
    /// What to check first when this step fails.
    hint: &'static str,
}

/// Setup, then every kind of test in order, cheapest first, stopping at the
/// first failure. `--quick` runs only the native tests.
pub(super) fn test(ctx: &Ctx, mode: TestMode) -> Result<(), String> {
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
pub(super) fn write_webdriver_json(ctx: &Ctx) -> Result<(), String> {
    let path = ctx.root.join("webdriver.json");
    if fs::read_to_string(&path).ok().as_deref() == Some(WEBDRIVER_JSON) {
        return Ok(());
    }
    fs::write(&path, WEBDRIVER_JSON).map_err(|err| format!("test: cannot write {}: {err}", path.display()))
}

/// The back office's own bundle (administration, reports, lessons), built after the app
/// because Trunk replaces its whole output folder: `dist/office/`, served under `/office/`.
pub(super) fn office_build(ctx: &Ctx) -> Command {
    ctx.command("trunk", &["build", "office.html", "--release", "--dist", "dist/office", "--public-url", "/office/"])
}

/// The reporting page's own bundle, the first thing a phone downloads: `dist/report/`,
/// served under `/report/`, built last of the three because Trunk replaces its whole output
/// folder.
pub(super) fn report_build(ctx: &Ctx) -> Command {
    ctx.command("trunk", &["build", "report.html", "--release", "--dist", "dist/report", "--public-url", "/report/"])
}

/// A brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every text and
/// wasm file of `dist/`, once per build: the server sends the copy the browser accepts, as
/// it is, with no compression work per request.
pub(super) fn precompress(ctx: &Ctx) -> Command {
    let mut command = ctx.command("sh", &["-c", PRECOMPRESS]);
    command.current_dir(ctx.root.join("dist"));
    command
}

/// The shell line of [`precompress`], run in `dist/`.
pub(super) const PRECOMPRESS: &str = "find . -type f \\( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html'     -o -name '*.svg' -o -name '*.webmanifest' \\) -exec brotli -q 11 -k -f {} + -exec gzip -9 -k -f -n {} +";

/// Prints the gzipped size of the `.wasm`, `.js` and `.css` files Trunk left in `dist`
/// (one bundle: the app, or the back office), and fails if the bundle goes over budget.
/// Returns its total.
pub(super) fn check_dist_size(ctx: &Ctx, bundle: &str, dist: &Path, limit: u64) -> Result<u64, String> {
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
pub(super) fn gzipped_size(ctx: &Ctx, file: &Path) -> Result<u64, String> {
    let mut command = ctx.command("gzip", &["-9", "-c"]);
    command.arg(file).stdin(Stdio::null());
    let shown = show_command(&command);
    let output = command.output().map_err(|err| format!("size budget: could not start `{shown}`: {err}"))?;
    if !output.status.success() {
        return Err(format!("size budget: `{shown}` failed ({})", describe_status(output.status)));
    }
    Ok(output.stdout.len() as u64)
}

pub(super) fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
