//! The back office, a bundle of its own that the server gives for `/admin`, `/reports`,
//! `/lessons` and `/contacts`: an administrator changes a site's opening hours and sees the
//! engine's preview follow before saving; a client reads its own SLA report; a client's
//! site manager designates who is told, from a phone.

use serde_json::{json, Value};

use crate::chromedriver::{ChromeDriver, Window};
use crate::pages::{self, attribute, click, script, type_into, SHOWN};
use crate::server::Vigie;
use crate::wait::until;

#[tokio::test(flavor = "multi_thread")]
async fn an_administrator_edits_a_calendar_and_a_client_reads_its_report() {
    let vigie = Vigie::start().await;
    // Something for this month's report.
    let incident =
        vigie.api("client").await.report("Plus aucune caméra ne fonctionne sur le site, intrusion détectée").await;
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
    let site = attribute(&admin, "[data-testid=admin-site]", "data-key").await.expect("the first site's name");
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

#[tokio::test(flavor = "multi_thread")]
async fn a_client_designates_who_is_told_from_a_phone() {
    let vigie = Vigie::start().await;
    let api = vigie.api("client").await;
    let organisation = api.get("/api/me").await["organisation_id"].clone();
    let driver = ChromeDriver::start().await;
    let phone = driver.session(Window::Phone { width: 390, height: 844, pixel_ratio: 2.0 }).await;
    pages::login(&phone, &vigie, "client").await;
    pages::go(&phone, &vigie.url("/contacts")).await;
    // No organisation to choose: the client's own, its two contacts.
    let first = "[data-testid=organisation-contacts] fieldset:nth-of-type(1)";
    let name = until("the organisation's contacts", SHOWN, async || {
        let value = script(
            &phone,
            "const e = document.querySelector(arguments[0]); return e ? e.value : null",
            json!([format!("{first} [data-testid=contact-name]")]),
        )
        .await;
        value.as_str().map(str::to_string)
    })
    .await;
    assert_eq!(name, "Julie Martin");
    assert!(!pages::exists(&phone, "[data-testid=contacts-organisation]").await);

    // Julie hands over to Nadia; her mobile typed as people say it is refused under it.
    type_into(&phone, &format!("{first} [data-testid=contact-name]"), "Nadia Haddad").await;
    type_into(&phone, &format!("{first} [data-testid=contact-email]"), "nadia.haddad@demo-client.example").await;
    type_into(&phone, &format!("{first} [data-testid=contact-phone]"), "06 11 22 33 44").await;
    let status = "[data-testid=organisation-contacts] [data-testid=save-status]";
    assert_eq!(attribute(&phone, status, "data-state").await.as_deref(), Some("edited"));
    click(&phone, "[data-testid=contacts-save]").await;
    let message = until("the refusal under the mobile number", SHOWN, async || {
        pages::text(&phone, &format!("{first} [data-testid=field-error]")).await
    })
    .await;
    assert!(message.contains("E.164"), "{message}");
    let invalid = attribute(&phone, &format!("{first} [data-testid=contact-phone]"), "aria-invalid").await;
    assert_eq!(invalid.as_deref(), Some("true"));
    type_into(&phone, &format!("{first} [data-testid=contact-phone]"), "+33611223344").await;
    click(&phone, "[data-testid=contacts-save]").await;
    until("the contacts saved", SHOWN, async || {
        (attribute(&phone, status, "data-state").await.as_deref() == Some("saved")).then_some(())
    })
    .await;
    let saved = api.get(&format!("/api/organisations/{organisation}/contacts")).await;
    assert_eq!(
        saved["contacts"][0],
        json!({ "kind": "technical", "name": "Nadia Haddad", "email": "nadia.haddad@demo-client.example", "phone": "+33611223344" }),
        "{saved}"
    );

    // The Siège Paris gets a technical contact of its own.
    let site = "[data-testid=site-contact]";
    click(&phone, &format!("{site} [data-testid=site-contact-designate]")).await;
    type_into(&phone, &format!("{site} [data-testid=site-contact-name]"), "Marc Petit").await;
    type_into(&phone, &format!("{site} [data-testid=site-contact-email]"), "marc.petit@demo-client.example").await;
    click(&phone, &format!("{site} [data-testid=site-contact-save]")).await;
    until("the site's contact saved", SHOWN, async || {
        (attribute(&phone, &format!("{site} [data-testid=save-status]"), "data-state").await.as_deref()
            == Some("saved"))
        .then_some(())
    })
    .await;
    let sites = api.get("/api/sites").await;
    assert_eq!(
        sites[0]["technical_contact"],
        json!({ "kind": "technical", "name": "Marc Petit", "email": "marc.petit@demo-client.example", "phone": "" }),
        "{sites}"
    );

    // The operations manager chooses the organisation: the bank's contacts and its site.
    let supervisor = driver.session(Window::Desktop { width: 1280, height: 900 }).await;
    pages::login(&supervisor, &vigie, "supervisor").await;
    pages::go(&supervisor, &vigie.url("/contacts")).await;
    pages::choose(&supervisor, "[data-testid=contacts-organisation]", "Banque Premium").await;
    let bank = until("the bank's contacts", SHOWN, async || {
        let value = script(
            &supervisor,
            "const e = document.querySelector(arguments[0]); return e ? e.value : null",
            json!([format!("{first} [data-testid=contact-name]")]),
        )
        .await;
        value.as_str().filter(|name| *name != "Nadia Haddad").map(str::to_string)
    })
    .await;
    assert_eq!(bank, "Claire Weber");
    let heading = pages::shown_text(&supervisor, "[data-testid=site-contact] h3").await;
    assert!(heading.contains("Strasbourg"), "{heading}");
}
