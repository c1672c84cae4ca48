//! The reporting page as a phone gets it: the bytes on the wire of a cold visit, opening
//! with no network after one visit, and the time to a usable form on a weak link.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, click, script, shown_text};
use crate::server::Vigie;
use crate::wait::until;
use crate::webdriver::Session;

const PHONE: Window = Window::Phone { width: 390, height: 844, pixel_ratio: 3.0 };

/// Every byte a cold visit of `/report` may put on the wire (HTML, JS, wasm, CSS, icons,
/// API answers), as Chromium's Resource Timing counts them (`transferSize`). The
/// procedure's client reports from a car park on a weak link; the figure is in the README
/// (211.3 KB when this budget was first set, 232.1 KB once the confirmation, the invitation
/// page and the engine's business-time table came in, 240.6 KB with the classifier's
/// second round of rules, 250.5 KB with its rules for doors that open by pushing, encrypted
/// files, logins from abroad and "all but one", 253.9 KB with the rules of four more blind
/// batches and the optional photo, whose cost the lighter report stylesheet paid back, 254.8
/// KB with the photo of a waiting report handed to the service worker, 255.5 KB with the
/// reading of numbered points; then 241.1 KB once a waiting report was kept as its JSON and
/// the classifier's index sorted through one routine, and the budget came down with it,
/// leaving room for the classifier's next rules; 245.6 KB with the forms of seven blind
/// batches, 248.6 KB with the rules of four more, about 251.6 KB with three more, and the
/// budget went up by 8 KB for them; 252.0 KB with an eighth, and 256.5 KB with the rules of
/// ten more, `brief-zp` to `brief-zy`, for which it went up by 6 KB; 260.4 KB with eleven more,
/// `brief-ya` to `brief-yk`, and 265.3 KB with seven more, `brief-yl` to `brief-yr`, for which
/// it went up by 6 KB again; 269.1 KB with ten more, `brief-ys` to `brief-xd` (3.9 KB more
/// brotli in the wasm), for which it went up by 4 KB; 272.9 KB with the next round's six,
/// `brief-xe` to `brief-xj`, and what the probes taught (3.9 KB more brotli in the wasm), for
/// which it went up by 4 KB again; the goal is 150 KB).
const REPORT_COLD_BUDGET_BYTES: u64 = 276 * 1024;

/// A weak 4G link: 1.6 Mbit/s down, 750 kbit/s up, 150 ms of latency.
const WEAK_LINK: (f64, f64, f64) = (1_600_000.0 / 8.0, 750_000.0 / 8.0, 150.0);

/// The form is usable: the description field is on the page and a site is chosen.
const FORM_USABLE: &str = "
    const area = document.querySelector('[data-testid=report-description]');
    const site = document.querySelector('[data-testid=report-site]');
    return !!area && !area.disabled && !!site && site.value !== '';
";

/// Every request of the page so far: (URL, bytes on the wire).
const TRANSFERS: &str = "
    return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .map(e => [e.name, e.transferSize]);
";

/// Empties the browser's caches and service workers for the origin, as on a phone that
/// never opened Vigie (the session cookie stays).
async fn forget_everything(session: &Session, vigie: &Vigie) {
    session.devtools("Network.clearBrowserCache", json!({})).await.unwrap_or_else(|e| panic!("clear the cache: {e}"));
    session
        .devtools(
            "Storage.clearDataForOrigin",
            json!({ "origin": vigie.base, "storageTypes": "service_workers,cache_storage" }),
        )
        .await
        .unwrap_or_else(|e| panic!("clear the service workers: {e}"));
}

async fn form_usable(session: &Session, within: Duration) {
    until("the report form, usable", within, async || {
        (script(session, FORM_USABLE, json!([])).await == json!(true)).then_some(())
    })
    .await;
}

/// The bytes on the wire of the page's requests, and the list for a message.
async fn transferred(session: &Session) -> (u64, Vec<(String, u64)>) {
    let entries = script(session, TRANSFERS, json!([])).await;
    let list: Vec<(String, u64)> = entries
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| (e[0].as_str().unwrap_or_default().to_string(), e[1].as_u64().unwrap_or(0)))
        .collect();
    (list.iter().map(|(_, n)| n).sum(), list)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cold_visit_of_the_report_page_fits_the_budget_and_is_usable_quickly_on_a_weak_link() {
    let vigie = Vigie::start().await;
    let driver = ChromeDriver::start().await;
    let phone = driver.session(PHONE).await;
    pages::login(&phone, &vigie, "client").await;

    // Cold: nothing cached, no service worker, the session cookie only.
    forget_everything(&phone, &vigie).await;
    pages::go(&phone, &vigie.url("/report")).await;
    form_usable(&phone, pages::SHOWN).await;
    // The API answers the page asked for at start-up are counted too.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (bytes, list) = transferred(&phone).await;
    eprintln!("a cold /report put {bytes} bytes ({:.1} KB) on the wire:", bytes as f64 / 1024.0);
    for (url, n) in &list {
        eprintln!("  {n:>8}  {url}");
    }
    assert!(list.iter().any(|(url, _)| url.ends_with(".wasm")), "the wasm is counted: {list:?}");
    assert!(
        list.iter().all(|(url, _)| !url.contains("/office/") && !url.contains("vigie-app-")),
        "only the reporting bundle: {list:?}"
    );
    assert!(
        bytes <= REPORT_COLD_BUDGET_BYTES,
        "{bytes} bytes on the wire, budget {REPORT_COLD_BUDGET_BYTES}: {list:?}"
    );

    // A weak 4G link, cold then warm (the service worker installed by the visit above).
    let (down, up, latency) = WEAK_LINK;
    phone.set_link(latency, down, up).await.unwrap_or_else(|e| panic!("emulate a weak link: {e}"));
    forget_everything(&phone, &vigie).await;
    let cold = timed_visit(&phone, &vigie).await;
    // The link was slow indeed: the wasm alone takes its bytes over 200 KB/s.
    let wasm_ms = script(&phone, "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('.wasm')).map(e => e.responseEnd - e.startTime)[0] ?? 0", json!([])).await;
    eprintln!("on the weak link, the wasm took {wasm_ms} ms to arrive");
    assert!(wasm_ms.as_f64().unwrap_or(0.0) >= 500.0, "the link is throttled: {wasm_ms}");
    // The visit above installed the service worker: wait for it to control the next one.
    until("the service worker, active", pages::SHOWN, async || {
        (script(&phone, "return navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))", json!([]))
            .await
            == json!(true))
        .then_some(())
    })
    .await;
    let warm = timed_visit(&phone, &vigie).await;
    eprintln!(
        "on a weak link (1.6 Mbit/s down, 750 kbit/s up, 150 ms): the report form is usable {} ms after navigation on a cold visit, {} ms on a warm one",
        cold.as_millis(),
        warm.as_millis()
    );
    assert!(cold <= Duration::from_millis(2_500), "cold: {cold:?}");
    assert!(warm <= Duration::from_millis(1_000), "warm: {warm:?}");
}

/// Navigates to `/report` and returns the time until the form is usable.
async fn timed_visit(session: &Session, vigie: &Vigie) -> Duration {
    let started = Instant::now();
    pages::go(session, &vigie.url("/report")).await;
    form_usable(session, Duration::from_secs(30)).await;
    // WebDriver's own round trips are part of `started.elapsed()`: the page's own clock says
    // when the form became usable, from the navigation's start.
    let measured = script(session, "return performance.now()", json!([])).await.as_f64().unwrap_or(0.0);
    let page = Duration::from_millis(measured as u64);
    page.min(started.elapsed())
}

/// Records the window's network events, in order.
const WATCH_NETWORK: &str = "
    window.__e2e_network = [];
    addEventListener('offline', () => window.__e2e_network.push('offline'));
    addEventListener('online', () => window.__e2e_network.push('online'));
";

#[tokio::test(flavor = "multi_thread")]
async fn after_one_visit_the_report_page_opens_with_no_network_and_its_report_arrives_once() {
    let mut vigie = Vigie::start().await;
    let api = vigie.api("client").await;
    let driver = ChromeDriver::start().await;
    let phone = driver.session(PHONE).await;
    let stamp = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis();
    let description = format!("Caméra du sous-sol hors service, signalée sans réseau ({stamp})");
    let photo = std::env::temp_dir().join(format!("vigie-e2e-offline-photo-{stamp}.png"));
    std::fs::write(&photo, crate::team::PIXEL).expect("write the photo");

    // One visit: the service worker installs and keeps the page, the user and the sites.
    pages::login(&phone, &vigie, "client").await;
    pages::go(&phone, &vigie.url("/report")).await;
    form_usable(&phone, pages::SHOWN).await;
    until("the service worker, active", pages::SHOWN, async || {
        (script(&phone, "return navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))", json!([]))
            .await
            == json!(true))
        .then_some(())
    })
    .await;

    // The basement: nothing answers any more, for the page and its worker alike.
    vigie.stop().await;
    phone.set_offline(true).await.unwrap_or_else(|e| panic!("go offline: {e}"));
    pages::go(&phone, &vigie.url("/report")).await;
    form_usable(&phone, pages::SHOWN).await;
    script(&phone, WATCH_NETWORK, json!([])).await;
    pages::type_into(&phone, "[data-testid=report-description]", &description).await;
    // The photo the phone's camera took, which waits with the report.
    let input = pages::element(&phone, "[data-testid=report-photo]").await;
    input.send_keys(&photo.display().to_string()).await.unwrap_or_else(|e| panic!("choose the photo: {e}"));
    click(&phone, "[data-testid=report-submit]").await;
    let waiting = shown_text(&phone, "[data-testid=report-waiting]").await;
    eprintln!("with no network, the page says: {waiting:?}");

    // The network returns: the report is sent once, and the page names it.
    vigie.restart().await;
    phone.set_offline(false).await.unwrap_or_else(|e| panic!("go online: {e}"));
    let reference = pages::confirmed_reference(&phone).await;
    let arrived: Vec<Value> = until("the report on the server", Duration::from_secs(15), async || {
        let found = api.incidents_described(&description).await;
        (!found.is_empty()).then_some(found)
    })
    .await;
    assert_eq!(arrived.len(), 1, "{arrived:?}");
    assert_eq!(arrived[0]["reference"], reference.as_str());
    // Its photo, kept by the service worker while the network was gone, follows it once.
    let id = arrived[0]["id"].as_i64().expect("id");
    let files: Value = until("the photo on the incident", Duration::from_secs(15), async || {
        let files = api.get(&format!("/api/incidents/{id}/attachments")).await;
        files.as_array().is_some_and(|f| !f.is_empty()).then_some(files)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let files_after = api.get(&format!("/api/incidents/{id}/attachments")).await;
    assert_eq!(files_after.as_array().map(Vec::len), Some(1), "{files_after}");
    assert_eq!(files[0]["content_type"], "image/png");
    let _ = std::fs::remove_file(&photo);
}
