//! The promises of an intervention, kept in front of the client: a P1's technician
//! dispatched then on site, a P3's intervention planned then reached, each shown on the
//! client's open page as the technician records it, without reloading.

use std::time::Duration;

use chrono::{Duration as Days, Utc};
use serde_json::{json, Value};

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, attribute, click, script};
use crate::server::Vigie;
use crate::wait::until;
use crate::webdriver::Session;

const DESKTOP: Window = Window::Desktop { width: 1280, height: 900 };

/// How long a change made by the technician may take to reach the client's page.
const LIVE: Duration = Duration::from_secs(10);

/// Waits until the client's page shows a fact (`data-fact`) of the incident.
async fn fact_shown(client: &Session, fact: &str) {
    let css = format!("[data-testid=facts] li[data-fact={fact}]");
    until(&format!("the client page to show {fact}"), LIVE, async || pages::exists(client, &css).await.then_some(()))
        .await;
}

/// The state of the clock line whose name starts with `name`, on a page.
async fn clock_state(session: &Session, name: &str) -> Option<String> {
    let found = script(
        session,
        "return [...document.querySelectorAll('[data-testid=countdown]')].filter(l => l.textContent.startsWith(arguments[0])).map(l => l.getAttribute('data-state'))[0] ?? null",
        json!([name]),
    )
    .await;
    found.as_str().map(str::to_string)
}

/// Opens an incident's page for the client and marks it, to prove it is never reloaded.
async fn follow(client: &Session, vigie: &Vigie, id: i64) {
    pages::go(client, &vigie.url(&format!("/incidents/{id}"))).await;
    until("the client's incident page", pages::SHOWN, async || {
        attribute(client, "[data-testid=incident-status]", "data-status").await.map(|_| ())
    })
    .await;
    // The stream is open once the connection state says so on the page's own clock lines;
    // a short settle keeps the first change from racing the subscription.
    tokio::time::sleep(Duration::from_millis(500)).await;
    script(client, "window.__e2e_marker = 1", json!([])).await;
}

async fn not_reloaded(client: &Session) {
    assert_eq!(
        script(client, "return window.__e2e_marker ?? null", json!([])).await,
        json!(1),
        "the client's page was reloaded"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_p1_dispatched_then_reached_and_a_p3_planned_then_reached_are_shown_to_the_client_live() {
    let vigie = Vigie::start().await;
    let client_api = vigie.api("client").await;
    let tech_api = vigie.api("tech").await;
    let p1: Value = client_api.report("Plus aucune caméra ne fonctionne sur le site").await;
    let p3: Value = client_api.report("L'interface du VMS est lente à afficher les vues").await;
    assert_eq!((p1["priority"].as_str(), p3["priority"].as_str()), (Some("P1"), Some("P3")));
    let (p1, p3) = (p1["id"].as_i64().unwrap(), p3["id"].as_i64().unwrap());
    for id in [p1, p3] {
        tech_api.post(&format!("/api/incidents/{id}/acknowledge"), json!({})).await;
        tech_api
            .post(
                &format!("/api/incidents/{id}/on-site-needed"),
                json!({ "needed": true, "reason": "Décidé à l'appel" }),
            )
            .await;
    }
    let driver = ChromeDriver::start().await;
    let client = driver.session(DESKTOP).await;
    let tech = driver.session(DESKTOP).await;
    pages::login(&client, &vigie, "client").await;
    pages::login(&tech, &vigie, "tech").await;

    // The P1: the technician is sent, then arrives; the client sees each, live.
    follow(&client, &vigie, p1).await;
    assert_eq!(
        clock_state(&client, "Départ d'un technicien").await.as_deref(),
        Some("ok"),
        "an elapsed-time clock, running"
    );
    assert!(!pages::exists(&client, "[data-testid=action-dispatch]").await, "a client has no staff actions");
    pages::go(&tech, &vigie.url(&format!("/incidents/{p1}"))).await;
    click(&tech, "[data-testid=action-dispatch]").await;
    fact_shown(&client, "dispatched").await;
    let lines = script(&client, "return [...document.querySelectorAll('[data-testid=countdown]')].map(l => l.getAttribute('data-state') + ' ' + l.textContent)", json!([])).await;
    assert_eq!(
        clock_state(&client, "Départ d'un technicien").await.as_deref(),
        Some("met"),
        "the dispatch keeps the promise: {lines}"
    );
    click(&tech, "[data-testid=action-on-site]").await;
    fact_shown(&client, "arrived").await;
    until("the client page's status: on site", LIVE, async || {
        (attribute(&client, "[data-testid=incident-status]", "data-status").await.as_deref() == Some("onsite"))
            .then_some(())
    })
    .await;
    not_reloaded(&client).await;

    // The P3: planned for tomorrow 10:00 site time, then reached.
    follow(&client, &vigie, p3).await;
    // Running, or paused outside business hours: a P3 counts business days.
    let running = clock_state(&client, "Planification de l'intervention").await;
    assert!(matches!(running.as_deref(), Some("ok" | "paused")), "{running:?}");
    pages::go(&tech, &vigie.url(&format!("/incidents/{p3}"))).await;
    let tomorrow =
        (Utc::now().with_timezone(&chrono_tz::Europe::Paris) + Days::days(1)).format("%Y-%m-%dT10:00").to_string();
    pages::element(&tech, "[data-testid=plan-intervention-planned-for]").await;
    script(
        &tech,
        "const input = document.querySelector('[data-testid=plan-intervention-planned-for]'); input.value = arguments[0]; input.dispatchEvent(new Event('input', { bubbles: true }));",
        json!([tomorrow]),
    )
    .await;
    click(&tech, "[data-testid=action-plan-intervention]").await;
    fact_shown(&client, "planned").await;
    let planned = pages::shown_text(&client, "[data-testid=facts] li[data-fact=planned]").await;
    assert!(planned.contains("10:00"), "the plan in the site's time: {planned}");
    let server = client_api.get(&format!("/api/incidents/{p3}")).await;
    assert!(
        server["intervention_planned_for"]
            .as_str()
            .is_some_and(|t| t.ends_with("09:00:00Z") || t.ends_with("08:00:00Z")),
        "{server}"
    );
    click(&tech, "[data-testid=action-on-site]").await;
    fact_shown(&client, "arrived").await;
    until("the intervention promise kept", LIVE, async || {
        (clock_state(&client, "Planification de l'intervention").await.as_deref() == Some("met")).then_some(())
    })
    .await;
    not_reloaded(&client).await;
}
