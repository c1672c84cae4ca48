//! A report made without network waits in the browser and is sent, once, when the network
//! returns.
//!
//! The network goes away through ChromeDriver's network emulation (the DevTools "Offline"
//! switch): requests fail as on a dead connection, `navigator.onLine` turns false and the
//! window gets its `offline` and `online` events, which is what the report page listens to.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, click, script, shown_text};
use crate::server::Vigie;
use crate::wait::{holds, until};
use crate::webdriver::Session;

/// Records the window's network events, in order.
const WATCH_NETWORK: &str = "
    window.__e2e_network = [];
    addEventListener('offline', () => window.__e2e_network.push('offline'));
    addEventListener('online', () => window.__e2e_network.push('online'));
";

/// The reports waiting in the page's local storage.
const QUEUE_LENGTH: &str = "return JSON.parse(localStorage.getItem('vigie.pending-reports') || '[]').length";

/// Submitted offline, the report is shown as waiting and the server has nothing; back
/// online, it arrives once and stays once.
#[tokio::test(flavor = "multi_thread")]
async fn an_offline_report_is_sent_once_when_the_network_returns() {
    let vigie = Vigie::start().await;
    let api = vigie.api("client").await;
    let driver = ChromeDriver::start().await;
    let client = driver.session(Window::Desktop { width: 1280, height: 900 }).await;
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis();
    let description = format!("Caméra du parking hors service, signalée hors ligne ({stamp})");

    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url("/report")).await;
    pages::choose(&client, "[data-testid=report-site]", "Demo Client").await;
    script(&client, WATCH_NETWORK, json!([])).await;

    set_network(&client, false, "offline").await;

    pages::type_into(&client, "[data-testid=report-description]", &description).await;
    click(&client, "[data-testid=report-submit]").await;
    let waiting = shown_text(&client, "[data-testid=report-waiting]").await;
    eprintln!("offline, the page says: {waiting:?}");
    holds("offline: the report waits in the browser and the server has none", Duration::from_secs(2), async || {
        let queued = script(&client, QUEUE_LENGTH, json!([])).await == json!(1);
        let shown = pages::exists(&client, "[data-testid=report-waiting]").await;
        let confirmed = pages::exists(&client, "[data-testid=report-confirmation]").await;
        queued && shown && !confirmed && api.incidents_described(&description).await.is_empty()
    })
    .await;

    set_network(&client, true, "offline,online").await;
    let reference = pages::confirmed_reference(&client).await;
    let arrived = until("the waiting report on the server", Duration::from_secs(10), async || {
        let found = api.incidents_described(&description).await;
        (!found.is_empty()).then_some(found)
    })
    .await;
    assert_eq!(arrived.len(), 1, "the report arrived once: {arrived:?}");
    assert_eq!(arrived[0]["reference"], reference.as_str(), "the confirmation names the incident the server has");

    holds("the report stays on the server once, and the queue empty", Duration::from_secs(3), async || {
        let queued = script(&client, QUEUE_LENGTH, json!([])).await;
        let waiting = pages::exists(&client, "[data-testid=report-waiting]").await;
        api.incidents_described(&description).await.len() == 1 && queued == json!(0) && !waiting
    })
    .await;
}

/// Takes the page's network away or gives it back (Chromium's emulation), then waits for
/// `navigator.onLine` to follow and for the page to have seen `events` (`offline`,
/// `online`), as a phone losing and finding its signal.
async fn set_network(client: &Session, online: bool, events: &str) {
    client
        .set_offline(!online)
        .await
        .unwrap_or_else(|e| panic!("set the network {}: {e}", if online { "on" } else { "off" }));
    until(&format!("navigator.onLine to turn {online} and the events {events}"), Duration::from_secs(5), async || {
        let state = script(client, "return [navigator.onLine, window.__e2e_network.join(',')]", json!([])).await;
        (state == json!([online, events])).then_some(())
    })
    .await;
}
