//! Screenshots for the documentation, taken from the real app: the report page on a phone
//! and the wall on a 1920×1080 screen.
//!
//! They go to `$VIGIE_SCREENSHOT_DIR`, by default `target/screenshots/`;
//! `VIGIE_SCREENSHOT_DIR=docs cargo test -p vigie-e2e screenshots` refreshes the docs' copies.

use std::path::PathBuf;

use serde_json::json;

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, script, text};
use crate::server::Vigie;
use crate::wait::until;
use crate::webdriver::Session;

/// The incidents on the wall: `(user, description, priority the server gives)`, from
/// both demo organisations.
const WALL: [(&str, &str, &str); 6] = [
    ("client", "Plus aucune caméra ne fonctionne sur le site, intrusion détectée", "P1"),
    ("premium", "2 cams HS en zone sensible (salle des coffres)", "P2"),
    ("client", "Perte d'enregistrement sur le NVR du parking depuis hier", "P2"),
    ("premium", "Problème d'affichage sur l'interface VMS", "P3"),
    ("client", "Le VMS est très lent ce matin", "P3"),
    ("premium", "Erreur de paramétrage : mauvaise heure sur une caméra", "P3"),
];

/// A screenshot smaller than this is taken to be blank.
const MIN_PNG_BYTES: usize = 10 * 1024;

/// `report-phone.png` (390 × 844 at pixel ratio 2) and `wall-1920x1080.png`.
#[tokio::test(flavor = "multi_thread")]
async fn screenshots_of_the_report_page_on_a_phone_and_of_the_wall() {
    let vigie = Vigie::start().await;
    for (user, description, priority) in WALL {
        let incident = vigie.api(user).await.report(description).await;
        assert_eq!(incident["priority"], priority, "{description:?} is classified {priority}");
    }
    let driver = ChromeDriver::start().await;

    // The report page on a 390 × 844 phone, the suggestion showing.
    let phone = driver.session(Window::Phone { width: 390, height: 844, pixel_ratio: 2.0 }).await;
    pages::login(&phone, &vigie, "client").await;
    pages::go(&phone, &vigie.url("/report")).await;
    pages::choose(&phone, "[data-testid=report-site]", "Demo Client").await;
    pages::type_into(&phone, "[data-testid=report-description]", WALL[0].1).await;
    until("the suggestion P1 on the phone", pages::SHOWN, async || {
        text(&phone, "[data-testid=suggested-priority]").await.filter(|t| t.contains("P1"))
    })
    .await;
    pages::shown_text(&phone, "[data-testid=sla-preview]").await;
    // From the description down: what the person typed, the suggestion and the deadline.
    script(
        &phone,
        "document.querySelector('label[for=report-description]').scrollIntoView({ block: 'start' })",
        json!([]),
    )
    .await;
    save(&phone, "report-phone.png", (780, 1688)).await;

    // The wall on a 1920 × 1080 screen, with every incident.
    let wall = driver.session(Window::Desktop { width: 1920, height: 1080 }).await;
    fit_viewport(&wall, 1920, 1080).await;
    pages::login(&wall, &vigie, "supervisor").await;
    pages::go(&wall, &vigie.url("/wall")).await;
    until("every incident on the wall, live", pages::SHOWN, async || {
        let tiles = script(
            &wall,
            "return document.querySelectorAll('[data-testid=wall-tile] [data-testid=countdown]').length",
            json!([]),
        )
        .await;
        let live = pages::attribute(&wall, "[data-testid=connection-state]", "data-state").await;
        (tiles == json!(WALL.len()) && live.as_deref() == Some("open")).then_some(())
    })
    .await;
    save(&wall, "wall-1920x1080.png", (1920, 1080)).await;
}

/// Thirty open incidents on a 1920 × 1080 wall: every tile is on screen, none cut, with its
/// reference and countdown; `wall-30-1920x1080.png`.
#[tokio::test(flavor = "multi_thread")]
async fn thirty_incidents_fit_on_the_wall() {
    let vigie = Vigie::start().await;
    for round in 0..5 {
        for (user, description, _) in WALL {
            vigie.api(user).await.report(&format!("{description} ({})", round + 1)).await;
        }
    }
    let driver = ChromeDriver::start().await;
    let wall = driver.session(Window::Desktop { width: 1920, height: 1080 }).await;
    fit_viewport(&wall, 1920, 1080).await;
    pages::login(&wall, &vigie, "supervisor").await;
    pages::go(&wall, &vigie.url("/wall")).await;
    until("thirty tiles on the wall", pages::SHOWN, async || {
        let tiles = script(
            &wall,
            "return document.querySelectorAll('[data-testid=wall-tile] [data-testid=countdown]').length",
            json!([]),
        )
        .await;
        (tiles == json!(30)).then_some(())
    })
    .await;
    let placement = script(
        &wall,
        "const tiles = [...document.querySelectorAll('[data-testid=wall-tile]')];\
         return { lowest: Math.max(...tiles.map(t => t.getBoundingClientRect().bottom)), \
                  height: innerHeight, scrolls: document.documentElement.scrollHeight > innerHeight, \
                  size: document.querySelector('.wall-tiles').dataset.size, \
                  smallest: Math.min(...tiles.map(t => parseFloat(getComputedStyle(t.querySelector('.countdown-digits')).fontSize))), \
                  labels: Math.min(...tiles.flatMap(t => [...t.querySelectorAll('p, .countdown span:not(.countdown-digits)')] \
                      .filter(e => getComputedStyle(e).display !== 'none' && e.textContent.trim() !== '') \
                      .map(e => parseFloat(getComputedStyle(e).fontSize)))) }",
        json!([]),
    )
    .await;
    save(&wall, "wall-30-1920x1080.png", (1920, 1080)).await;
    assert_eq!(placement["size"], "xs", "{placement}");
    assert!(placement["lowest"].as_f64() <= placement["height"].as_f64(), "every tile on screen: {placement}");
    assert_eq!(placement["scrolls"], false, "{placement}");
    // Digits of at least 48 px and labels of at least 24 px: on a 55-inch TV, about 2.3 cm
    // and 1.2 cm high, readable at 4 m.
    assert!(placement["smallest"].as_f64() >= Some(48.0), "{placement}");
    assert!(placement["labels"].as_f64() >= Some(24.0), "{placement}");
}

/// The client's incident page on a phone (`incident-client-phone.png`), the technician's
/// workspace on a laptop (`incident-technician-1366.png`) and the back office's policy
/// table (`admin-policy-1366.png`).
#[tokio::test(flavor = "multi_thread")]
async fn screenshots_of_an_incident_for_the_client_and_the_technician_and_of_the_back_office() {
    let vigie = Vigie::start().await;
    let (client, tech) = (vigie.api("client").await, vigie.api("tech").await);
    let incident = client.report(WALL[0].1).await;
    let id = &incident["id"];
    tech.post(&format!("/api/incidents/{id}/acknowledge"), json!({})).await;
    tech.post(&format!("/api/incidents/{id}/dispatch"), json!({})).await;
    tech.post(&format!("/api/incidents/{id}/updates"), json!({ "message": "Technicien en route, arrivée prévue dans 40 minutes. L'enregistreur redémarre à distance en attendant." })).await;
    let driver = ChromeDriver::start().await;

    let phone = driver.session(Window::Phone { width: 390, height: 844, pixel_ratio: 2.0 }).await;
    pages::login(&phone, &vigie, "client").await;
    pages::go(&phone, &vigie.url(&format!("/incidents/{id}"))).await;
    until("the update in the client's timeline", pages::SHOWN, async || {
        text(&phone, "[data-testid=timeline]").await.filter(|t| t.contains("Technicien en route"))
    })
    .await;
    save(&phone, "incident-client-phone.png", (780, 1688)).await;

    let laptop = driver.session(Window::Desktop { width: 1366, height: 900 }).await;
    fit_viewport(&laptop, 1366, 900).await;
    pages::login(&laptop, &vigie, "tech").await;
    pages::go(&laptop, &vigie.url(&format!("/incidents/{id}"))).await;
    pages::element(&laptop, "[data-testid=action-on-site]").await;
    save(&laptop, "incident-technician-1366.png", (1366, 900)).await;

    pages::login(&laptop, &vigie, "admin").await;
    pages::go(&laptop, &vigie.url("/admin")).await;
    pages::click(&laptop, "[data-testid=admin-tab-policies]").await;
    pages::click(&laptop, "[data-testid=admin-policy] button").await;
    pages::element(&laptop, "[data-testid=policy-grid]").await;
    script(
        &laptop,
        "document.querySelector('[data-testid=policy-grid]').scrollIntoView({ block: 'center' })",
        json!([]),
    )
    .await;
    save(&laptop, "admin-policy-1366.png", (1366, 900)).await;
}

/// Makes the page's viewport exactly `width` × `height` CSS pixels, whatever the window's
/// frame takes.
async fn fit_viewport(session: &Session, width: u32, height: u32) {
    let inner = script(session, "return [innerWidth, innerHeight]", json!([])).await;
    let (w, h) = (inner[0].as_u64().unwrap_or(0) as u32, inner[1].as_u64().unwrap_or(0) as u32);
    if (w, h) != (width, height) {
        session
            .set_window_size(2 * width - w, 2 * height - h)
            .await
            .unwrap_or_else(|e| panic!("resize the window for a {width}×{height} viewport: {e}"));
    }
    let inner = script(session, "return [innerWidth, innerHeight]", json!([])).await;
    assert_eq!(inner, json!([width, height]), "the viewport is {width}×{height}");
}

/// Takes a screenshot once the page's fonts are loaded, checks it is a PNG of the expected
/// size in device pixels with some content, and writes it to the screenshot folder.
async fn save(session: &Session, name: &str, size: (u32, u32)) {
    until("the page's fonts", pages::SHOWN, async || {
        (script(session, "return document.fonts.status", json!([])).await == "loaded").then_some(())
    })
    .await;
    let png = session.screenshot().await.unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
    assert_eq!(png_size(&png), size, "{name}: width and height in device pixels");
    assert!(png.len() > MIN_PNG_BYTES, "{name} is {} bytes: blank?", png.len());
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    let path = dir.join(name);
    std::fs::write(&path, &png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    eprintln!("wrote {} ({} KB)", path.display(), png.len() / 1024);
}

/// Width and height from the PNG's header chunk (IHDR, right after the signature).
fn png_size(png: &[u8]) -> (u32, u32) {
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("four bytes"));
    assert_eq!(&png[12..16], b"IHDR", "a PNG starts with its header chunk");
    (be(16), be(20))
}

/// `$VIGIE_SCREENSHOT_DIR`, by default the workspace's `target/screenshots/`.
fn screenshot_dir() -> PathBuf {
    std::env::var_os("VIGIE_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::workspace().join("target/screenshots"))
}
