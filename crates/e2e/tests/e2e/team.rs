//! An incident worked on as a team, on a 320-pixel phone: the client reports with a photo,
//! the technician takes it and writes, the client answers, the technician resolves, the
//! client confirms and rates; the incident page with its files and the administrator's
//! rota editor pass axe-core.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::accessibility::Audit;
use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, click, script, SHOWN};
use crate::server::Vigie;
use crate::wait::until;
use crate::webdriver::Session;

const PHONE: Window = Window::Phone { width: 320, height: 640, pixel_ratio: 2.0 };
const LAPTOP: Window = Window::Desktop { width: 1280, height: 900 };

/// A PNG of one pixel, as a phone's camera would give a photo.
pub(crate) const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn stamp() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis()
}

/// Waits until the page's timeline shows `words`.
async fn timeline_shows(session: &Session, who: &str, words: &str) {
    until(&format!("{words:?} in the timeline {who} sees"), SHOWN, async || {
        pages::text(session, "[data-testid=timeline]").await.filter(|t| t.contains(words))
    })
    .await;
}

/// Writes a message on the incident page.
async fn write(session: &Session, text: &str) {
    pages::type_into(session, "[data-testid=message-text]", text).await;
    click(session, "[data-testid=message-send]").await;
}

/// The status the incident page shows (`data-status`), once it is `expected`.
async fn status_is(session: &Session, expected: &str) {
    until(&format!("the incident {expected}"), SHOWN, async || {
        let status = pages::attribute(session, "[data-testid=incident-status]", "data-status").await;
        (status.as_deref() == Some(expected)).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_reports_with_a_photo_and_follows_the_incident_to_its_rating() {
    let mut audit = Audit::new();
    let vigie = Vigie::start().await;
    let api = vigie.api("client").await;
    let driver = ChromeDriver::start().await;
    let client = audit.open(&driver, ("phone", PHONE)).await;
    let description = format!("La caméra de l'entrée du parking donne une image floue ({})", stamp());
    let photo = std::env::temp_dir().join(format!("vigie-e2e-photo-{}.png", stamp()));
    std::fs::write(&photo, PIXEL).expect("write the photo");

    // The client reports from the phone, with the photo the camera took.
    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url("/report")).await;
    pages::choose(&client, "[data-testid=report-site]", "Demo Client").await;
    pages::type_into(&client, "[data-testid=report-description]", &description).await;
    let input = pages::element(&client, "[data-testid=report-photo]").await;
    input.send_keys(&photo.display().to_string()).await.unwrap_or_else(|e| panic!("choose the photo: {e}"));
    click(&client, "[data-testid=report-submit]").await;
    pages::confirmed_reference(&client).await;
    let incident =
        until("the report on the server", SHOWN, async || api.incidents_described(&description).await.pop()).await;
    let id = incident["id"].as_i64().expect("id");
    let files: Value = until("the photo on the incident", SHOWN, async || {
        let files = api.get(&format!("/api/incidents/{id}/attachments")).await;
        files.as_array().is_some_and(|f| !f.is_empty()).then_some(files)
    })
    .await;
    assert_eq!(files.as_array().map(Vec::len), Some(1), "{files}");
    assert_eq!(files[0]["content_type"], "image/png");
    let _ = std::fs::remove_file(&photo);

    // Its page lists the photo, shown small through its own address.
    pages::go(&client, &vigie.url(&format!("/incidents/{id}"))).await;
    pages::element(&client, "[data-testid=file] img").await;
    until("the thumbnail, loaded", SHOWN, async || {
        let loaded = script(
            &client,
            "const i = document.querySelector('[data-testid=file] img'); return !!i && i.complete && i.naturalWidth > 0",
            json!([]),
        )
        .await;
        (loaded == json!(true)).then_some(())
    })
    .await;
    let href = pages::attribute(&client, "[data-testid=file-link]", "href").await;
    assert_eq!(href, Some(format!("/api/attachments/{}", files[0]["id"])));
    pages::element(&client, "[data-testid=file-input]").await;
    audit.page(&client, "/incidents/{id} (client, with a photo)").await;

    // The technician takes it and writes to the client.
    let tech = driver.session(LAPTOP).await;
    pages::login(&tech, &vigie, "tech").await;
    pages::go(&tech, &vigie.url(&format!("/incidents/{id}"))).await;
    pages::element(&tech, "[data-testid=file] img").await;
    click(&tech, "[data-testid=action-take]").await;
    click(&tech, "[data-testid=action-acknowledge]").await;
    status_is(&tech, "acknowledged").await;
    write(&tech, "Bien reçu avec la photo : je passe nettoyer l'objectif cet après-midi.").await;

    // The client reads it without reloading, and answers.
    timeline_shows(&client, "the client", "nettoyer l'objectif").await;
    write(&client, "Merci, le gardien vous ouvrira la barrière.").await;
    timeline_shows(&tech, "the technician", "le gardien vous ouvrira").await;

    // The technician resolves.
    for (field, text) in [
        ("resolve-root-cause", "Objectif encrassé"),
        ("resolve-actions", "Objectif nettoyé, mise au point refaite"),
        ("resolve-security-data-impact", "Aucun"),
    ] {
        pages::type_into(&tech, &format!("[data-testid={field}]"), text).await;
    }
    click(&tech, "[data-testid=action-resolve]").await;
    status_is(&tech, "resolved").await;

    // The client confirms the fix, then rates the work.
    click(&client, "[data-testid=confirm]").await;
    status_is(&client, "closed").await;
    click(&client, "[data-testid=score-4]").await;
    pages::type_into(&client, "[data-testid=satisfaction-comment]", "Rapide et bien expliqué.").await;
    click(&client, "[data-testid=rate]").await;
    let thanks = pages::shown_text(&client, "[data-testid=satisfaction-given]").await;
    assert!(thanks.contains("4/5"), "{thanks:?}");
    let closed = api.get(&format!("/api/incidents/{id}")).await;
    assert_eq!((closed["status"].as_str(), closed["satisfaction"]["score"].as_u64()), (Some("closed"), Some(4)));
    // Closed: the files stay, and take no more.
    assert!(pages::exists(&client, "[data-testid=file]").await);
    assert!(!pages::exists(&client, "[data-testid=file-input]").await, "a closed incident takes no file");

    // The administrator's rota editor, on the same phone, with a refusal under its field.
    let admin = vigie.api("admin").await;
    let tech_id = vigie.api("tech").await.get("/api/me").await["id"].clone();
    let week = json!({ "slots": [{ "weekday": 1, "start": "18:00", "end": "08:00", "user_id": tech_id }] });
    assert_eq!(admin.put("/api/oncall/week", week).await["week"].as_array().map(Vec::len), Some(1));
    pages::login(&client, &vigie, "admin").await;
    pages::go(&client, &vigie.url("/oncall")).await;
    pages::element(&client, "[data-testid=week-editor] [data-testid=week-slot]").await;
    let slots = script(&client, "return document.querySelectorAll('[data-testid=week-slot]').length", json!([])).await;
    assert_eq!(slots, json!(1));
    click(&client, "[data-testid=slot-add]").await;
    click(&client, "[data-testid=week-save]").await;
    // The new slot (Monday evening, like the one there) overlaps it: said under its field.
    let last = "[data-testid=week-slot]:last-of-type";
    let refusal = pages::shown_text(&client, &format!("{last} [data-testid=field-error]")).await;
    eprintln!("the new slot refused: {refusal:?}");
    let error_id = pages::attribute(&client, &format!("{last} [data-testid=field-error]"), "id").await;
    let invalid = pages::attribute(&client, &format!("{last} [aria-invalid=true]"), "aria-describedby").await;
    assert_eq!(invalid, error_id, "the field at fault points to its message");
    audit.page(&client, "/oncall (administrator, a refusal shown)").await;
    click(&client, "[data-testid=week-slot]:last-of-type [data-testid=slot-remove]").await;
    click(&client, "[data-testid=week-save]").await;
    pages::shown_text(&client, "[data-testid=week-saved]").await;
    let after = script(&client, "return document.querySelectorAll('[data-testid=week-slot]').length", json!([])).await;
    assert_eq!(after, slots, "the pattern saved as it was");

    audit.assert_clean();
}
