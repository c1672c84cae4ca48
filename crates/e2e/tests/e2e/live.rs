//! Changes made by one person appear on the others' screens as they happen, through the
//! server's event stream: a client's report on the supervisor's wall, a technician's
//! take-charge on the client's incident page.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, attribute, click, script, shown_text, text};
use crate::server::Vigie;
use crate::wait::until;
use crate::webdriver::Session;

const DESKTOP: Window = Window::Desktop { width: 1280, height: 900 };

/// What the wall may take, from the client's confirmation to the tile.
const WALL_LATENCY_MS: i64 = 2_000;

/// Records, in the wall's page, when each tile first appears (`Date.now()`, keyed by
/// reference). Both browsers run on this machine and share its clock, so the instants
/// compare across the two pages to the millisecond, whatever WebDriver's round trips cost.
const WATCH_TILES: &str = "
    window.__e2e_tiles = {};
    const note = () => {
        for (const tile of document.querySelectorAll('[data-testid=wall-tile]')) {
            const reference = tile.getAttribute('data-reference');
            if (!(reference in window.__e2e_tiles)) window.__e2e_tiles[reference] = Date.now();
        }
    };
    note();
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true, attributes: true });
";

/// Records, in the report page, when the confirmation first appears.
const WATCH_CONFIRMATION: &str = "
    window.__e2e_confirmed_at = null;
    new MutationObserver(() => {
        if (window.__e2e_confirmed_at === null && document.querySelector('[data-testid=report-confirmation]')) {
            window.__e2e_confirmed_at = Date.now();
        }
    }).observe(document.body, { childList: true, subtree: true });
";

/// Keeps every `EventSource` the page opens in `window.__e2e_streams`, so a test can wait
/// for the live stream to be open before acting: a stream opened after a change does not
/// replay it. Installed before the app loads; it only watches.
const WATCH_STREAMS: &str = "
    window.__e2e_streams = [];
    const Native = window.EventSource;
    window.EventSource = class extends Native {
        constructor(...args) { super(...args); window.__e2e_streams.push(this); }
    };
";

/// A client reports from the app; the supervisor's wall, already open, shows the tile
/// within two seconds of the client's confirmation, counting down to the deadline of the
/// incident's most urgent running clock as the server computed it.
#[tokio::test(flavor = "multi_thread")]
async fn a_client_report_reaches_the_supervisor_wall_within_two_seconds() {
    let vigie = Vigie::start().await;
    let driver = ChromeDriver::start().await;
    let wall = driver.session(DESKTOP).await;
    let client = driver.session(DESKTOP).await;

    // The supervisor's wall is open and live before anything is reported.
    pages::login(&wall, &vigie, "supervisor").await;
    pages::go(&wall, &vigie.url("/wall")).await;
    stream_open_on_wall(&wall).await;
    let connection = shown_text(&wall, "[data-testid=connection-state]").await;
    assert!(connection.contains("En direct"), "the wall says it is live: {connection:?}");
    script(&wall, WATCH_TILES, json!([])).await;

    // The client describes the problem and sees the suggestion as they type.
    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url("/report")).await;
    pages::choose(&client, "[data-testid=report-site]", "Demo Client").await;
    // The quick questions alone already suggest: a whole-site video outage is critical.
    pages::choose(&client, "[data-testid=answer-system]", "Vidéo").await;
    pages::choose(&client, "[data-testid=answer-scope]", "Tout le site").await;
    pages::choose(&client, "[data-testid=answer-symptom]", "Hors service").await;
    until("the suggestion P1 from the answers alone", pages::SHOWN, async || {
        text(&client, "[data-testid=suggested-priority]").await.filter(|t| t.contains("P1"))
    })
    .await;
    pages::type_into(
        &client,
        "[data-testid=report-description]",
        "Plus aucune caméra ne fonctionne sur le site, intrusion détectée",
    )
    .await;
    let suggested = until("the suggestion P1", pages::SHOWN, async || {
        text(&client, "[data-testid=suggested-priority]").await.filter(|t| t.contains("P1"))
    })
    .await;
    let reasons = shown_text(&client, "[data-testid=suggestion-reasons]").await;
    let preview = shown_text(&client, "[data-testid=sla-preview]").await;
    eprintln!("suggested: {suggested:?}; reasons: {reasons:?}; preview: {preview:?}");

    script(&client, WATCH_CONFIRMATION, json!([])).await;
    click(&client, "[data-testid=report-submit]").await;
    let reference = pages::confirmed_reference(&client).await;
    assert!(reference.starts_with("INC-"), "the confirmation gives the incident's reference: {reference:?}");

    // The tile appears on the wall, timed in the pages themselves.
    let confirmed_at = script(&client, "return window.__e2e_confirmed_at", json!([]))
        .await
        .as_i64()
        .expect("the confirmation was seen");
    let tile_at = until(&format!("tile {reference} on the wall"), Duration::from_secs(10), async || {
        script(&wall, "return window.__e2e_tiles[arguments[0]] ?? null", json!([reference])).await.as_i64()
    })
    .await;
    let latency = tile_at - confirmed_at;
    eprintln!("wall latency: tile {reference} shown {latency} ms after the client's confirmation");
    assert!(
        latency <= WALL_LATENCY_MS,
        "tile {reference} reached the wall {latency} ms after the confirmation (at most {WALL_LATENCY_MS} ms)"
    );

    // The tile counts down to the deadline the server computed.
    let tile = format!("[data-testid=wall-tile][data-reference=\"{reference}\"]");
    assert_eq!(attribute(&wall, &tile, "data-priority").await.as_deref(), Some("P1"), "the tile's priority");
    let shown = attribute(&wall, &format!("{tile} [data-testid=countdown]"), "data-deadline")
        .await
        .expect("the tile has a countdown with a deadline");
    let api = vigie.api("supervisor").await;
    let incident = api
        .incidents()
        .await
        .into_iter()
        .find(|i| i["reference"] == reference.as_str())
        .expect("the server has the reported incident");
    let due = most_urgent_due(&incident);
    assert_eq!(
        incident["next_due"].as_str().map(instant),
        Some(due),
        "the server's next_due is its most urgent running clock"
    );
    assert_eq!(instant(&shown), due, "the wall's deadline {shown} is the server's {}", incident["next_due"]);

    let connection = attribute(&wall, "[data-testid=connection-state]", "data-state").await;
    assert_eq!(connection.as_deref(), Some("open"), "the wall is still live");
}

/// A technician takes charge from their browser; the client's incident page, open in
/// another, shows the new status and the timeline entry without being reloaded.
#[tokio::test(flavor = "multi_thread")]
async fn taking_charge_shows_on_the_client_page_without_reloading() {
    let vigie = Vigie::start().await;
    let reported =
        vigie.api("client").await.report("Le lecteur de badge de l'entrée principale marche par intermittence").await;
    let id = reported["id"].as_i64().expect("an incident id");
    let page = vigie.url(&format!("/incidents/{id}"));
    let driver = ChromeDriver::start().await;
    let client = driver.session(DESKTOP).await;
    let tech = driver.session(DESKTOP).await;

    // The client follows the incident, with the live stream open.
    client
        .devtools("Page.addScriptToEvaluateOnNewDocument", json!({ "source": WATCH_STREAMS }))
        .await
        .unwrap_or_else(|e| panic!("watch the page's event streams: {e}"));
    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &page).await;
    until("the client's incident page, open", pages::SHOWN, async || {
        (attribute(&client, "[data-testid=incident-status]", "data-status").await.as_deref() == Some("open"))
            .then_some(())
    })
    .await;
    until("the client page's event stream to open", pages::SHOWN, async || {
        (script(&client, "return window.__e2e_streams.some(s => s.readyState === EventSource.OPEN)", json!([])).await
            == true)
            .then_some(())
    })
    .await;
    script(&client, "window.__e2e_marker = 1", json!([])).await;
    assert!(!pages::exists(&client, "[data-testid=action-acknowledge]").await, "a client has no staff actions");

    // The technician takes charge from their own browser.
    pages::login(&tech, &vigie, "tech").await;
    pages::go(&tech, &page).await;
    click(&tech, "[data-testid=action-acknowledge]").await;
    let clicked = Instant::now();

    until("the client page to show the take-charge", Duration::from_secs(10), async || {
        let status = attribute(&client, "[data-testid=incident-status]", "data-status").await;
        let entry = pages::exists(&client, "[data-testid=timeline] li[data-kind=acknowledged]").await;
        (status.as_deref() == Some("acknowledged") && entry).then_some(())
    })
    .await;
    eprintln!("the client saw the take-charge {} ms after the click", clicked.elapsed().as_millis());
    let marker = script(&client, "return window.__e2e_marker ?? null", json!([])).await;
    assert_eq!(marker, json!(1), "the client's page was not reloaded");
    let status = shown_text(&client, "[data-testid=incident-status]").await;
    assert!(status.contains("Pris en charge"), "the status line names the new status in French: {status:?}");

    let server = vigie.api("client").await.get(&format!("/api/incidents/{id}")).await;
    assert_eq!(server["status"], "acknowledged", "the server recorded the take-charge");
}

/// Waits until the wall's event stream is open.
async fn stream_open_on_wall(wall: &Session) {
    until("the wall's event stream to open (connection-state open)", pages::SHOWN, async || {
        (attribute(wall, "[data-testid=connection-state]", "data-state").await.as_deref() == Some("open")).then_some(())
    })
    .await;
}

/// The deadline of the incident's most urgent running clock, from the server's `clocks`.
fn most_urgent_due(incident: &Value) -> DateTime<Utc> {
    let clocks = incident["clocks"].as_array().expect("the incident's clocks");
    clocks
        .iter()
        .filter(|c| matches!(c["state"].as_str(), Some("running" | "at_risk" | "breached")))
        .filter_map(|c| c["due"].as_str().map(instant))
        .min()
        .unwrap_or_else(|| panic!("no running clock in {clocks:?}"))
}

/// An RFC 3339 instant.
fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text:?} is not an RFC 3339 instant: {e}"))
        .with_timezone(&Utc)
}
