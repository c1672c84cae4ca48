//! What a person does in the app, in WebDriver terms: log in, type, click, read.
//!
//! Interactions go through WebDriver's element commands, as a person's keys and clicks;
//! reads go through a script, in one round trip that cannot meet a stale element while
//! the app re-renders.

use std::time::Duration;

use serde_json::{json, Value};

use crate::server::Vigie;
use crate::wait::until;
use crate::webdriver::{Element, Session};

/// How long the app may take to show something: loading and compiling the wasm
/// module takes a second or two on a busy two-core machine.
pub const SHOWN: Duration = Duration::from_secs(20);

/// Logs in through the login page and waits for the user's home page.
pub async fn login(session: &Session, vigie: &Vigie, username: &str) {
    go(session, &vigie.url("/login")).await;
    type_into(session, "[data-testid=login-username]", username).await;
    type_into(session, "[data-testid=login-password]", username).await;
    click(session, "[data-testid=login-submit]").await;
    until(&format!("the home page of {username} after logging in"), SHOWN, async || {
        let path = script(session, "return location.pathname", json!([])).await;
        (path.as_str() != Some("/login")).then_some(())
    })
    .await;
}

/// Loads a page of the app.
pub async fn go(session: &Session, url: &str) {
    session.goto(url).await.unwrap_or_else(|e| panic!("load {url}: {e}"));
}

/// Runs a script in the page; panics on a WebDriver error.
pub async fn script(session: &Session, source: &str, args: Value) -> Value {
    session.execute(source, args).await.unwrap_or_else(|e| panic!("script `{source}`: {e}"))
}

/// Waits for an element to be in the page.
pub async fn element<'s>(session: &'s Session, css: &str) -> Element<'s> {
    until(&format!("element {css}"), SHOWN, async || match session.find(css).await {
        Ok(found) => found,
        Err(e) if e.is_transient() => None,
        Err(e) => panic!("find {css}: {e}"),
    })
    .await
}

/// Whether an element is in the page.
pub async fn exists(session: &Session, css: &str) -> bool {
    script(session, "return document.querySelector(arguments[0]) !== null", json!([css])).await == true
}

/// The text an element shows (`innerText`: empty when hidden), or `None` when absent.
pub async fn text(session: &Session, css: &str) -> Option<String> {
    let source = "const e = document.querySelector(arguments[0]); return e ? e.innerText : null";
    script(session, source, json!([css])).await.as_str().map(str::to_string)
}

/// An attribute of an element, or `None` when the element or the attribute is absent.
pub async fn attribute(session: &Session, css: &str, name: &str) -> Option<String> {
    let source = "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null";
    script(session, source, json!([css, name])).await.as_str().map(str::to_string)
}

/// Waits for an element to show some text, and returns it.
pub async fn shown_text(session: &Session, css: &str) -> String {
    until(&format!("text in {css}"), SHOWN, async || text(session, css).await.filter(|t| !t.trim().is_empty())).await
}

/// Clicks an element once it is there and can be clicked.
pub async fn click(session: &Session, css: &str) {
    until(&format!("a click on {css}"), SHOWN, async || {
        let found = session.find(css).await.ok().flatten()?;
        match found.click().await {
            Ok(()) => Some(()),
            Err(e) if e.is_transient() => None,
            Err(e) => panic!("click {css}: {e}"),
        }
    })
    .await;
}

/// Replaces what a field holds with `keys`, typed key by key, once the field is there.
pub async fn type_into(session: &Session, css: &str, keys: &str) {
    let field = element(session, css).await;
    field.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
    field.send_keys(keys).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

/// Chooses, in a `<select>`, the first option whose text contains `label`, once the
/// options are loaded.
pub async fn choose(session: &Session, select: &str, label: &str) {
    let css = format!("{select} option");
    let value = until(&format!("an option {label:?} in {select}"), SHOWN, async || {
        for option in session.find_all(&css).await.ok()? {
            if option.text().await.ok()?.contains(label) {
                option.click().await.ok()?;
                return option.attribute("value").await.ok()?;
            }
        }
        None
    })
    .await;
    let chosen = script(session, "return document.querySelector(arguments[0]).value", json!([select])).await;
    assert_eq!(chosen, json!(value), "{select} holds the option {label:?}");
}

/// The incident reference the report page confirms (`report-confirmation` ends with it).
pub async fn confirmed_reference(session: &Session) -> String {
    shown_text(session, "[data-testid=report-confirmation]").await;
    attribute(session, "[data-testid=report-confirmation]", "data-reference").await.unwrap_or_default()
}
