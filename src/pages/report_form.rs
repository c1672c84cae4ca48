//! Reporting an incident (`/report`): the site, the description with its live suggestion
//! ([`crate::ReportPage`]), and the submission.
//!
//! Each report carries an `Idempotency-Key` made when the person submits: a retry never
//! reports twice. Offline, the report waits in local storage, shown as waiting, and is sent
//! when the network returns — once, with the same key.
//!
//! A photo chosen with the report is sent to the new incident once it is recorded. A report
//! that has to wait for the network leaves its photo with the service worker, which keeps
//! it across visits and sends it when the page tells it which incident the report became;
//! with no worker in control (a first visit), the page says to add the photo from the
//! incident's page (`docs/design.md`).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::value::RawValue;
use vigie_api::{NewIncident, Reported, SiteView};
use vigie_engine::classify::Answers;
use vigie_engine::{Calendar, Policy};

use crate::i18n::{t, use_lang, Tr};
use crate::{api, clock, ReportPage};

use super::questionnaire::Questionnaire;

const QUEUE_KEY: &str = "vigie.pending-reports";

/// The photo chosen in the form's photo input, if any.
fn chosen_photo() -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = web_sys::window()?.document()?.get_element_by_id("report-photo")?;
    input.unchecked_into::<web_sys::HtmlInputElement>().files()?.get(0)
}

/// A report waiting for the network: its key and the report as the JSON written when it was
/// made, sent again as it is. Never read back into a `NewIncident`: the bundle then needs no
/// parser of it, nor chrono's of its dates.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Pending {
    key: String,
    incident: Box<RawValue>,
}

impl Pending {
    fn new(key: String, incident: &NewIncident) -> Option<Pending> {
        let json = serde_json::to_string(incident).ok()?;
        Some(Pending { key, incident: RawValue::from_string(json).ok()? })
    }

    /// What the person wrote, given back to the form if the report is refused for good.
    fn description(&self) -> String {
        #[derive(serde::Deserialize)]
        struct Said {
            #[serde(default)]
            description: String,
        }
        serde_json::from_str::<Said>(self.incident.get()).map(|s| s.description).unwrap_or_default()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn load_queue() -> Vec<Pending> {
    storage()
        .and_then(|s| s.get_item(QUEUE_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save_queue(queue: &[Pending]) {
    if let Some(s) = storage() {
        let _ = s.set_item(QUEUE_KEY, &serde_json::to_string(queue).unwrap_or_default());
    }
}

/// A new random key for one report.
fn new_key() -> String {
    format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e15) as u64)
}

/// What became of the reports sent: the last one the server recorded, and the last one it
/// refused for good (with its text, so that nothing the person wrote is lost).
#[derive(Clone, Copy)]
struct Outcome {
    confirmed: RwSignal<Option<Reported>>,
    refused: RwSignal<Option<(String, String)>>,
}

/// Sends every waiting report; keeps those the network still refuses.
async fn flush(queue: RwSignal<Vec<Pending>>, outcome: Outcome) {
    for pending in load_queue() {
        let result = api::report(pending.incident.get().to_string(), &pending.key).await;
        if matches!(&result, Err(e) if e.is_network()) {
            return;
        }
        let mut rest = load_queue();
        rest.retain(|p| p.key != pending.key);
        save_queue(&rest);
        queue.set(rest);
        match result {
            Ok(incident) => {
                // Its photo, if the worker kept one, follows it.
                let id = wasm_bindgen::JsValue::from_f64(incident.id as f64);
                crate::shell::tell_service_worker(&[
                    ("type", "send-photo".into()),
                    ("key", pending.key.as_str().into()),
                    ("incident", id),
                ]);
                outcome.confirmed.set(Some(incident));
            }
            // Refused for good (the site is gone, the session ended): said, and the text
            // given back to the form.
            Err(e) => outcome.refused.set(Some((pending.description(), e.message))),
        }
    }
}

/// The page: the sites the user may report on, from the server, and the form.
#[component]
pub fn ReportFormPage() -> impl IntoView {
    let now = clock::use_server_now();
    let sites = RwSignal::new(Vec::<SiteView>::new());
    spawn_local(async move {
        if let Ok(list) = api::sites().await {
            sites.set(list);
        }
    });
    view! { <ReportForm now sites /> }
}

/// The deadline preview's terms for a site: its calendar, and the policy an incident
/// reported there now is under (its organisation's own, else its contract's), as the server
/// gives it, so that the page promises the deadline the server will count.
pub fn terms_of(site: &SiteView) -> Option<(Calendar, Policy)> {
    Some((Calendar::try_from(site.calendar.clone()).ok()?, site.policy))
}

/// The form, over the sites the user may report on (the first chosen until another is), in
/// the order a person thinks: where, what is wrong, the suggestion and its deadline, the
/// questions that refine it, send.
///
/// A form has one idempotency key until its report is taken: a double tap, or a retry after
/// a lost answer, records one incident. The button says it is sending and takes no second
/// tap meanwhile.
#[component]
pub fn ReportForm(now: Signal<DateTime<Utc>>, sites: RwSignal<Vec<SiteView>>) -> impl IntoView {
    let lang = use_lang();
    let description = RwSignal::new(String::new());
    let answers = RwSignal::new(Answers::default());
    let chosen = RwSignal::new(None::<i64>);
    let site = move || chosen.get().or_else(|| sites.with(|list| list.first().map(|s| s.id)));
    let on_site = RwSignal::new(false);
    // The number to call back starts as the account's own.
    let own_phone =
        use_context::<crate::Session>().and_then(|s| s.user.get_untracked()).map(|me| me.phone).unwrap_or_default();
    let callback = RwSignal::new(own_phone.clone());
    let zone = RwSignal::new(String::new());
    let zones = Signal::derive(move || {
        let id = site();
        sites.with(|list| list.iter().find(|s| Some(s.id) == id).map(|s| s.sensitive_zones.clone()).unwrap_or_default())
    });
    let error = RwSignal::new(None::<String>);
    let outcome = Outcome { confirmed: RwSignal::new(None), refused: RwSignal::new(None) };
    let queue = RwSignal::new(load_queue());
    let key = RwSignal::new(new_key());
    let sending = RwSignal::new(false);
    // A new questionnaire (its boxes unticked) for each new report.
    let generation = RwSignal::new(0_u32);
    // The chosen site's calendar and policy drive the preview's deadline.
    let terms = Signal::derive(move || {
        let id = site()?;
        sites.with(|list| list.iter().find(|s| s.id == id).and_then(terms_of))
    });
    // Reports left waiting by an earlier visit, and every return of the network.
    spawn_local(flush(queue, outcome));
    let online = window_event_listener(leptos::ev::online, move |_| spawn_local(flush(queue, outcome)));
    on_cleanup(move || online.remove());
    // A refusal gives the text back, with the reason.
    Effect::new(move |_| {
        if let Some((text, reason)) = outcome.refused.get() {
            if description.with_untracked(|d| d.trim().is_empty()) {
                description.set(text);
            }
            error.set(Some(reason));
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(site_id) = untrack(site) else {
            error.set(Some(t(lang.get_untracked(), "Choisissez un site.", "Choose a site.").into()));
            return;
        };
        if description.with_untracked(|d| d.trim().is_empty()) {
            error.set(Some(
                t(
                    lang.get_untracked(),
                    "Décrivez le problème avant d'envoyer.",
                    "Describe the problem before sending.",
                )
                .into(),
            ));
            return;
        }
        let incident = NewIncident {
            site_id,
            description: description.get_untracked(),
            answers: Some(answers.get_untracked()).filter(|a| *a != Answers::default()),
            on_site_required: Some(on_site.get_untracked()),
            callback_phone: Some(callback.get_untracked()).filter(|p| !p.trim().is_empty()),
            zone: Some(zone.get_untracked()).filter(|z| !z.is_empty()),
            ..NewIncident::default()
        };
        let mut waiting = load_queue();
        let form_key = key.get_untracked();
        if !waiting.iter().any(|p| p.key == form_key) {
            waiting.extend(Pending::new(form_key.clone(), &incident));
            save_queue(&waiting);
        }
        queue.set(waiting);
        outcome.confirmed.set(None);
        outcome.refused.set(None);
        error.set(None);
        sending.set(true);
        let photo = chosen_photo();
        spawn_local(async move {
            flush(queue, outcome).await;
            // Recorded now rather than left waiting for the network: its photos follow it.
            let recorded = queue.with_untracked(|q| q.iter().all(|p| p.key != form_key))
                && outcome.refused.get_untracked().is_none();
            if let (Some(incident), Some(photo)) = (outcome.confirmed.get_untracked().filter(|_| recorded), &photo) {
                // The server's refusal names the file and the limit (type, 10 MB).
                if let Err(e) = api::attach(incident.id, photo).await {
                    error.set(Some(e.message));
                }
            } else if let Some(photo) = photo.filter(|_| !recorded && outcome.refused.get_untracked().is_none()) {
                // Waiting for the network: the worker keeps the photo with the report's key.
                let kept = crate::shell::tell_service_worker(&[
                    ("type", "keep-photo".into()),
                    ("key", form_key.as_str().into()),
                    ("file", photo.into()),
                ]);
                if !kept {
                    let lang = lang.get_untracked();
                    error.set(Some(
                        t(
                            lang,
                            "La photo n'a pas pu être gardée : ajoutez-la depuis l'incident.",
                            "The photo could not be kept: add it from the incident.",
                        )
                        .to_string(),
                    ));
                }
            }
            sending.set(false);
            // Taken: recorded, or waiting for the network with its key. The form starts again.
            if outcome.refused.get_untracked().is_none() {
                description.set(String::new());
                answers.set(Answers::default());
                on_site.set(false);
                zone.set(String::new());
                generation.update(|g| *g += 1);
                key.set(new_key());
            }
        });
    };
    view! {
        <main>
            <form class="report-form" on:submit=submit aria-busy=move || sending.get().to_string()>
                <ReportPage now description answers terms>
                    <div class="field">
                        <label for="report-site"><Tr fr="Site" en="Site" /></label>
                        <select id="report-site" data-testid="report-site" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                            {move || sites.get().into_iter().map(|s| view! {
                                <option value=s.id.to_string() selected=move || site() == Some(s.id)>{format!("{} — {}", s.organisation_name, s.name)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    // The zones the site lists are its sensitive ones.
                    <Show when=move || zones.with(|z| !z.is_empty())>
                        <div class="field">
                            <label for="report-zone"><Tr fr="Zone concernée" en="Zone concerned" /></label>
                            <select id="report-zone" data-testid="report-zone" on:change=move |ev| zone.set(event_target_value(&ev))>
                                <option value="" selected=move || zone.with(String::is_empty)><Tr fr="— aucune zone particulière / je ne sais pas —" en="— no particular zone / don't know —" /></option>
                                {move || zones.get().into_iter().map(|z| {
                                    let (value, label) = (z.clone(), z.clone());
                                    view! { <option value=z selected=move || zone.with(|chosen| *chosen == value)>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </Show>
                </ReportPage>
                {move || {
                    generation.track();
                    view! {
                        <Questionnaire answers />
                        <div class="page">
                            <label class="check">
                                <input type="checkbox" data-testid="report-on-site" on:change=move |ev| on_site.set(event_target_checked(&ev)) />
                                <Tr fr="Une intervention sur site semble nécessaire" en="An on-site intervention seems needed" />
                            </label>
                            <label for="report-photo"><Tr fr="Ajouter une photo (facultatif)" en="Add a photo (optional)" /></label>
                            <input id="report-photo" data-testid="report-photo" type="file" accept="image/*" capture="environment" />
                        </div>
                    }
                }}
                <div class="page">
                    <div class="field">
                        <label for="report-callback"><Tr fr="Numéro où vous rappeler" en="Number to call you back" /></label>
                        <input id="report-callback" data-testid="report-callback" type="tel" autocomplete="tel" inputmode="tel"
                            prop:value=move || callback.get() on:input=move |ev| callback.set(event_target_value(&ev)) />
                    </div>
                </div>
                <div class="page send">
                    <button type="submit" class="primary" data-testid="report-submit" disabled=move || sending.get() aria-describedby="report-error">
                        {move || if sending.get() { t(lang.get(), "Envoi en cours…", "Sending…") } else { t(lang.get(), "Signaler l'incident", "Report the incident") }}
                    </button>
                    <p class="error" id="report-error" data-testid="report-error" role="alert">{move || error.get()}</p>
                    {move || (!queue.get().is_empty()).then(|| view! {
                        <p class="note" data-testid="report-waiting" role="status">
                            {t(lang.get(), "Hors ligne : le signalement attend le réseau et partira tout seul.", "Offline: the report is waiting for the network and will be sent by itself.")}
                        </p>
                    })}
                </div>
            </form>
            {move || outcome.confirmed.get().map(|reported| view! { <Confirmation reported now=now.get_untracked() /> })}
        </main>
    }
}

/// The incident recorded: its reference as a link to follow it, the promise repeated, and
/// what happens next.
#[component]
fn Confirmation(reported: Reported, now: DateTime<Utc>) -> impl IntoView {
    let lang = use_lang();
    let Reported { id, reference, priority, time_zone, next_due } = reported;
    let tz = time_zone.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::Europe::Paris);
    let next_due = next_due.and_then(|text| {
        let ms = js_sys::Date::parse(&text);
        (!ms.is_nan()).then(|| DateTime::<Utc>::from_timestamp_millis(ms as i64)).flatten()
    });
    let promise = move || {
        let lang = lang.get();
        match next_due {
            Some(due) => format!(
                "{} {}.",
                t(lang, "Prise en charge promise avant", "Taken in charge before"),
                crate::wording::when(due, now, tz, lang)
            ),
            None => t(
                lang,
                "Notre équipe vous rappelle dès réception.",
                "Our team calls you back as soon as it receives it.",
            )
            .to_string(),
        }
    };
    view! {
        <section class="panel confirmation page" data-testid="report-confirmation" data-reference=reference.clone() role="status">
            <h2><Tr fr="Incident enregistré" en="Incident recorded" /></h2>
            <p class="reference">
                <a href=format!("/incidents/{id}") data-testid="report-confirmation-link">{reference.clone()}</a>
                {format!(" — {}", priority.as_str())}
            </p>
            <p data-testid="report-promise">{promise}</p>
            <p>
                <Tr
                    fr="Ensuite : un technicien prend votre incident en charge et vous tient informé à chaque étape, par e-mail et sur la page de l'incident. Citez sa référence si vous appelez."
                    en="Next: a technician takes your incident in charge and keeps you informed at every step, by email and on the incident's page. Quote its reference if you call."
                />
            </p>
        </section>
    }
}
