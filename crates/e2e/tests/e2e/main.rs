//! End-to-end tests: the app built by Trunk (`dist/`), served by the real server on a fresh
//! SQLite database with the demo data, used in headless Chromium through ChromeDriver.
//!
//! Each test starts its own server on a free port and its own ChromeDriver, so tests run
//! in parallel without sharing anything. Every wait has a deadline ([`wait`]).
//!
//! Environment: `CHROMEDRIVER` (default `/usr/bin/chromedriver`), `CHROME` (default
//! `/usr/bin/chromium`), `VIGIE_E2E_DIST` (default: the workspace's `dist/`),
//! `VIGIE_SCREENSHOT_DIR` (default: `target/screenshots/`), `VIGIE_AXE_JS` (default:
//! `target/axe-core/node_modules/axe-core/axe.min.js`).

mod chromedriver;
mod pages;
mod server;
mod wait;
mod webdriver;

mod accessibility;
mod live;
mod office;
mod offline;
mod phone;
mod promises;
mod screens;
mod screenshots;
mod team;

/// The workspace's root folder, where `dist/` and `target/` are.
fn workspace() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(2).expect("crates/e2e is two levels below the workspace root").to_path_buf()
}
