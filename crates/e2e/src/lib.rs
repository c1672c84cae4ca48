//! End-to-end tests of Vigie: the app built by Trunk, served by the real server on a fresh
//! database with the demo data, used in headless Chromium through ChromeDriver, the way a
//! client, a technician and a supervisor use it.
//!
//! The tests are in `tests/e2e/`; this library is empty because Cargo wants a target for
//! a package. Run `trunk build --release` at the workspace root first, then
//! `cargo test -p vigie-e2e` (`cargo xtask test` does both).
