//! `cargo xtask bench`: the engine's, the server's and the app's benchmarks.

use super::{say, step, write_webdriver_json, Ctx, CHROMEDRIVER, WASM_TARGET};
use std::env;

/// The engine's benchmarks (deadlines natively and in headless Chromium, classification,
/// the suggestion's corpus), the server's and the browser app's.
pub(super) fn bench(ctx: &Ctx) -> Result<(), String> {
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
