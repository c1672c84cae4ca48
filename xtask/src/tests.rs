//! The command line and the version probes.

use super::*;
use crate::run::addr_arg;
use crate::setup::{locked_version, prints_version, test_databases};

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

#[test]
fn drops_only_the_test_databases() {
    let listing =
        "vigie_t_4242_0\nvigie_t_4242_17\n vigie_t_99_3 \nvigie_test\nvigie\nvigie_t_\nvigie_t_1_x\npostgres\n";
    assert_eq!(test_databases(listing), vec!["vigie_t_4242_0", "vigie_t_4242_17", "vigie_t_99_3"]);
    assert!(test_databases("").is_empty());
}
