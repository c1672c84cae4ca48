//! The back office, a bundle of its own that the server gives for `/admin`, `/reports` and
//! `/lessons`: an administrator changes a site's opening hours and sees the engine's
//! preview follow before saving; a client reads its own SLA report.

use serde_json::{json, Value};

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, attribute, click, script, type_into, SHOWN};
use crate::server::Vigie;
use crate::wait::until;

#[tokio::test(flavor = "multi_thread")]
async fn an_administrator_edits_a_calendar_and_a_client_reads_its_report() {
    let vigie = Vigie::start().await;
    // Something for this month's report.
    let incident = vigie
        .api("client")
        .await
        .report("Plus aucune caméra ne fonctionne sur le site, intrusion détectée")
        .await;
    assert_eq!(incident["priority"], "P1");
    let driver = ChromeDriver::start().await;

    let admin = driver.session(Window::Desktop { width: 1280, height: 900 }).await;
    pages::login(&admin, &vigie, "admin").await;
    // Logging in changes the page inside the app: the new page's heading takes the focus,
    // so that the keyboard and screen readers start from it.
    let heading = "const e = document.activeElement; return e && e.tagName === 'H1' ? e.textContent : null";
    let focused = until("the home page's heading to take the focus", SHOWN, async || {
        script(&admin, heading, json!([])).await.as_str().map(str::to_string)
    })
    .await;
    assert_eq!(focused, "Incidents ouverts");
    pages::go(&admin, &vigie.url("/admin")).await;
    click(&admin, "[data-testid=admin-tab-sites]").await;
    click(&admin, "[data-testid=admin-site] button").await;
    let site = attribute(&admin, "[data-testid=admin-site]", "data-key")
        .await
        .expect("the first site's name");
    let preview_days = "return document.querySelectorAll('[data-testid=preview-day]').length";
    until("the calendar preview of the site", SHOWN, async || {
        (script(&admin, preview_days, json!([])).await == json!(30)).then_some(())
    })
    .await;
    // Saturdays are closed in the demo calendar; open their mornings.
    let open_saturdays = "return [...document.querySelectorAll('[data-testid=preview-day]')]\
        .filter(r => r.querySelector('th').textContent.startsWith('sam.') && r.dataset.minutes === '180').length";
    assert_eq!(script(&admin, open_saturdays, json!([])).await, json!(0));
    type_into(&admin, "[data-testid=calendar-hours-sat]", "09:00-12:00").await;
    until("the preview to open the Saturdays, as typed", SHOWN, async || {
        (script(&admin, open_saturdays, json!([])).await.as_u64() >= Some(3)).then_some(())
    })
    .await;
    // A wrong time: the engine's message, then back to a valid calendar.
    type_into(&admin, "[data-testid=calendar-hours-mon]", "08:00-25:00").await;
    until("the engine's message", SHOWN, async || {
        pages::text(&admin, "[data-testid=calendar-error]").await.filter(|t| t.contains("25:00"))
    })
    .await;
    type_into(&admin, "[data-testid=calendar-hours-mon]", "08:00-18:00").await;
    click(&admin, "[data-testid=site-save]").await;
    until("the site saved", SHOWN, async || pages::text(&admin, "[data-testid=form-done]").await).await;

    let sites = vigie.api("admin").await.get("/api/sites").await;
    let saved: &Value = sites
        .as_array()
        .and_then(|all| all.iter().find(|s| s["name"] == site.as_str()))
        .unwrap_or_else(|| panic!("{site} in {sites}"));
    assert_eq!(saved["calendar"]["hours"]["sat"], json!([["09:00", "12:00"]]), "{saved}");
    assert_eq!(saved["calendar"]["hours"]["mon"], json!([["08:00", "18:00"]]), "{saved}");

    // A client reads its own report, without choosing an organisation.
    let client = driver.session(Window::Phone { width: 390, height: 844, pixel_ratio: 2.0 }).await;
    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url("/reports")).await;
    let p1 = until("the client's SLA report", SHOWN, async || {
        attribute(&client, "[data-testid=chart-priority] g[data-priority=P1]", "data-count").await
    })
    .await;
    assert_eq!(p1, "1", "the month's P1 incident");
    assert!(!pages::exists(&client, "[data-testid=report-organisation]").await);
}
