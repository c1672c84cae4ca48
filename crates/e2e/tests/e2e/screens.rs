//! The screens as their users expect them: a double tap on a slow phone reports once, the
//! confirmation links the incident and repeats the promise, a link survives the login, the
//! language survives a reload, and the client reads every update and a late take-charge as
//! late, without the desk's internal notes.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, click, script, shown_text, SHOWN};
use crate::server::Vigie;
use crate::wait::{holds, until};

fn stamp() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_millis()
}

const PHONE: Window = Window::Desktop { width: 390, height: 844 };

/// Two taps on "Signaler" in the same instant make one incident; the confirmation then
/// names it with a link, repeats the promise, and the form is empty for the next report.
#[tokio::test(flavor = "multi_thread")]
async fn a_double_tap_reports_once_and_the_confirmation_links_the_incident() {
    let vigie = Vigie::start().await;
    let api = vigie.api("client").await;
    let driver = ChromeDriver::start().await;
    let client = driver.session(PHONE).await;
    let description = format!("Plus aucune caméra ne s'affiche sur le mur d'images ({})", stamp());

    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url("/report")).await;
    pages::choose(&client, "[data-testid=report-site]", "Demo Client").await;
    pages::type_into(&client, "[data-testid=report-description]", &description).await;
    // Both taps land before any answer can come back.
    script(
        &client,
        "const b = document.querySelector('[data-testid=report-submit]'); b.click(); b.click();",
        json!([]),
    )
    .await;

    let reference = pages::confirmed_reference(&client).await;
    holds("a double tap: one incident on the server", Duration::from_secs(2), async || {
        api.incidents_described(&description).await.len() == 1
    })
    .await;
    let incident = &api.incidents_described(&description).await[0];
    assert_eq!(incident["reference"].as_str(), Some(reference.as_str()));
    let href = pages::attribute(&client, "[data-testid=report-confirmation-link]", "href").await;
    assert_eq!(href, Some(format!("/incidents/{}", incident["id"])));
    let promise = shown_text(&client, "[data-testid=report-promise]").await;
    assert!(promise.contains("avant"), "the confirmation repeats the promise: {promise:?}");
    let left =
        script(&client, "return document.querySelector('[data-testid=report-description]').value", json!([])).await;
    assert_eq!(left, json!(""), "the form is empty for the next report");
}

/// A link to an incident opened logged out leads, after the login, to that incident.
#[tokio::test(flavor = "multi_thread")]
async fn a_link_opened_logged_out_survives_the_login() {
    let vigie = Vigie::start().await;
    let api = vigie.api("client").await;
    let incident = api.report(&format!("Lecteur de badge du hall qui ne lit plus ({})", stamp())).await;
    let driver = ChromeDriver::start().await;
    let client = driver.session(PHONE).await;

    let link = format!("/incidents/{}", incident["id"]);
    pages::go(&client, &vigie.url(&link)).await;
    pages::type_into(&client, "[data-testid=login-username]", "client").await;
    pages::type_into(&client, "[data-testid=login-password]", "client").await;
    click(&client, "[data-testid=login-submit]").await;
    until("the incident asked for, after the login", SHOWN, async || {
        let path = script(&client, "return location.pathname", json!([])).await;
        let heading = pages::text(&client, "main h1").await.unwrap_or_default();
        (path == json!(link) && heading.contains(incident["reference"].as_str().unwrap_or("?"))).then_some(())
    })
    .await;
}

/// English chosen once stays English after a reload, in another bundle, and on another
/// device where the same account logs in.
#[tokio::test(flavor = "multi_thread")]
async fn the_language_chosen_stays_after_a_reload() {
    let vigie = Vigie::start().await;
    let driver = ChromeDriver::start().await;
    let client = driver.session(PHONE).await;
    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url("/report")).await;
    click(&client, "nav button.lang").await;
    until("the page in English", SHOWN, async || english(&client).await).await;
    pages::go(&client, &vigie.url("/report")).await;
    pages::element(&client, "[data-testid=report-description]").await;
    until("English after a reload", SHOWN, async || english(&client).await).await;
    pages::go(&client, &vigie.url("/incidents")).await;
    until("English in the other bundle", SHOWN, async || english(&client).await).await;
    // Another device, the same account: English from the login on.
    let other = driver.session(Window::Desktop { width: 1280, height: 900 }).await;
    pages::login(&other, &vigie, "client").await;
    until("English on another device after the login", SHOWN, async || english(&other).await).await;
}

async fn english(session: &crate::webdriver::Session) -> Option<()> {
    (script(session, "return document.documentElement.lang", json!([])).await == json!("en")).then_some(())
}

/// The client's incident page: the technician's update in full, a take-charge made after
/// its deadline shown late (never "kept"), and no internal note.
#[tokio::test(flavor = "multi_thread")]
async fn the_client_reads_each_update_and_a_late_take_charge_as_late() {
    let vigie = Vigie::start().await;
    let client_api = vigie.api("client").await;
    let tech = vigie.api("tech").await;
    let site = client_api.first_site().await;
    // Called two hours ago, recorded now by the desk: its take-charge is already late.
    let reported_at = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
    let incident = tech
        .post(
            "/api/incidents",
            json!({
                "site_id": site,
                "description": format!("Plus aucune caméra n'enregistre sur tout le site ({})", stamp()),
                "priority": "P1",
                "priority_reason": "Site entier sans vidéo",
                "reported_at": reported_at,
            }),
        )
        .await;
    let id = incident["id"].as_i64().expect("an id");
    tech.post(&format!("/api/incidents/{id}/acknowledge"), json!({})).await;
    let message = format!("Enregistreur redémarré, images revenues, surveillance renforcée ({})", stamp());
    tech.post(&format!("/api/incidents/{id}/updates"), json!({ "message": message })).await;

    let driver = ChromeDriver::start().await;
    let client = driver.session(PHONE).await;
    pages::login(&client, &vigie, "client").await;
    pages::go(&client, &vigie.url(&format!("/incidents/{id}"))).await;
    let timeline = shown_text(&client, "[data-testid=timeline]").await;
    let late = until("the take-charge shown late", SHOWN, async || {
        let text = pages::text(&client, "[data-testid=countdown][data-state=late]").await?;
        Some(text)
    })
    .await;
    assert!(late.contains("en retard de"), "{late:?}");
    until("the update's text in the timeline", SHOWN, async || {
        pages::text(&client, "[data-testid=timeline]").await.filter(|t| t.contains(&message))
    })
    .await;
    assert!(!timeline.contains("take_charge"), "no internal code in the timeline: {timeline}");
    assert!(!pages::exists(&client, "[data-testid=recurrent-note]").await, "no internal note for a client");
}

/// An administrator invites a technician from the back office; the link in the email opens
/// the page where she chooses her password, which then logs her in. Nobody typed it for her.
#[tokio::test(flavor = "multi_thread")]
async fn an_invited_technician_chooses_her_password_from_the_emailed_link() {
    let vigie = Vigie::start().await;
    let driver = ChromeDriver::start().await;
    let browser = driver.session(Window::Desktop { width: 1280, height: 900 }).await;
    pages::login(&browser, &vigie, "admin").await;
    pages::go(&browser, &vigie.url("/admin")).await;
    click(&browser, "[data-testid=admin-tab-users]").await;
    pages::type_into(&browser, "[data-testid=user-username]", "nadia").await;
    pages::type_into(&browser, "[data-testid=user-display-name]", "Nadia Haddad").await;
    pages::choose(&browser, "[data-testid=user-role]", "Technicien").await;
    pages::type_into(&browser, "[data-testid=user-email]", "nadia.haddad@integrateur.example").await;
    click(&browser, "[data-testid=user-invite]").await;
    shown_text(&browser, "[data-testid=form-done]").await;

    let link = until("the invitation in the mail spool", SHOWN, async || {
        vigie.spooled_mail().into_iter().find(|m| m.contains("nadia.haddad@integrateur.example")).and_then(|m| {
            m.lines().find_map(|l| l.trim().split_once("/invitation#").map(|(_, token)| token.trim().to_string()))
        })
    })
    .await;
    pages::go(&browser, &vigie.url(&format!("/invitation#{link}"))).await;
    pages::type_into(&browser, "[data-testid=invitation-password]", "un mot de passe à elle").await;
    pages::type_into(&browser, "[data-testid=invitation-again]", "un mot de passe à elle").await;
    click(&browser, "[data-testid=invitation-submit]").await;
    shown_text(&browser, "[data-testid=invitation-done]").await;

    // The link is spent (a page of its own again: the same address with its fragment only
    // would not load anew).
    pages::go(&browser, &vigie.url("/login")).await;
    pages::element(&browser, "[data-testid=login-username]").await;
    pages::go(&browser, &vigie.url(&format!("/invitation#{link}"))).await;
    pages::type_into(&browser, "[data-testid=invitation-password]", "encore un autre mot").await;
    pages::type_into(&browser, "[data-testid=invitation-again]", "encore un autre mot").await;
    click(&browser, "[data-testid=invitation-submit]").await;
    let refused = shown_text(&browser, "[data-testid=invitation-error]").await;
    assert!(refused.contains("plus valable"), "{refused:?}");

    // Her password opens her account.
    let api = crate::server::Api::login_with(&vigie.base, "nadia", "un mot de passe à elle").await;
    assert_eq!(api.get("/api/me").await["role"], "technician");
}

/// The technician takes a P1 from its page; the wall shows who owns it, live, and marks
/// the P1 nobody has taken.
#[tokio::test(flavor = "multi_thread")]
async fn a_p1_taken_shows_its_owner_on_the_wall_and_an_untaken_one_stands_out() {
    let vigie = Vigie::start().await;
    let client = vigie.api("client").await;
    let taken = client.report(&format!("Plus aucune caméra ne fonctionne sur tout le site ({})", stamp())).await;
    let untaken = client.report(&format!("Intrusion détectée dans la salle serveurs ({})", stamp())).await;
    assert_eq!((taken["priority"].as_str(), untaken["priority"].as_str()), (Some("P1"), Some("P1")));
    let driver = ChromeDriver::start().await;
    let wall = driver.session(Window::Desktop { width: 1920, height: 1080 }).await;
    pages::login(&wall, &vigie, "supervisor").await;
    pages::go(&wall, &vigie.url("/wall")).await;
    let tile = |incident: &serde_json::Value| {
        format!("[data-testid=wall-tile][data-reference={}]", incident["reference"].as_str().unwrap_or("?"))
    };
    pages::element(&wall, &format!("{} [data-testid=tile-unassigned]", tile(&taken))).await;

    let tech = driver.session(Window::Desktop { width: 1280, height: 900 }).await;
    pages::login(&tech, &vigie, "tech").await;
    pages::go(&tech, &vigie.url(&format!("/incidents/{}", taken["id"]))).await;
    click(&tech, "[data-testid=action-take]").await;
    let name = vigie.api("tech").await.get("/api/me").await["display_name"].as_str().unwrap_or("?").to_string();
    until("the owner on the wall", SHOWN, async || {
        pages::text(&wall, &format!("{} [data-testid=tile-status]", tile(&taken))).await.filter(|t| t.contains(&name))
    })
    .await;
    assert!(
        !pages::exists(&wall, &format!("{} [data-testid=tile-unassigned]", tile(&taken))).await,
        "taken: no longer marked"
    );
    assert!(
        pages::exists(&wall, &format!("{} [data-testid=tile-unassigned]", tile(&untaken))).await,
        "the other P1 still stands out"
    );
}
