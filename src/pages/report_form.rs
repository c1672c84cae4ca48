//! Reporting an incident (`/report`): the site, the description with its live suggestion
//! ([`crate::ReportPage`]), and the submission.
//!
//! Each report carries an `Idempotency-Key` made when the person submits: a retry never
//! reports twice. Offline, the report waits in local storage, shown as waiting, and is sent
//! when the network returns — once, with the same key.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{NewIncident, SiteView};
use vigie_engine::classify::Answers;
use vigie_engine::{Calendar, Policy};

use crate::i18n::{t, use_lang, Tr};
use crate::{api, clock, ReportPage};

const QUEUE_KEY: &str = "vigie.pending-reports";

/// A report waiting for the network.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Pending {
    key: String,
    incident: NewIncident,
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

/// Sends every waiting report; keeps those the network still refuses.
async fn flush(queue: RwSignal<Vec<Pending>>, confirmed: RwSignal<Option<String>>) {
    for pending in load_queue() {
        match api::report(&pending.incident, &pending.key).await {
            Ok(incident) => {
                let mut rest = load_queue();
                rest.retain(|p| p.key != pending.key);
                save_queue(&rest);
                queue.set(rest);
                confirmed.set(Some(incident.reference));
            }
            Err(e) if e.is_network() => return,
            Err(_) => {
                // Refused for good (the site is gone, the session ended): drop it.
                let mut rest = load_queue();
                rest.retain(|p| p.key != pending.key);
                save_queue(&rest);
                queue.set(rest);
            }
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

/// The form, over the sites the user may report on (the first chosen until another is).
#[component]
pub fn ReportForm(now: Signal<DateTime<Utc>>, sites: RwSignal<Vec<SiteView>>) -> impl IntoView {
    let lang = use_lang();
    let description = RwSignal::new(String::new());
    let answers = RwSignal::new(Answers::default());
    let chosen = RwSignal::new(None::<i64>);
    let site = move || chosen.get().or_else(|| sites.with(|list| list.first().map(|s| s.id)));
    let on_site = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirmed = RwSignal::new(None::<String>);
    let queue = RwSignal::new(load_queue());
    // The chosen site's calendar and policy drive the preview's deadline.
    let terms = Signal::derive(move || {
        let id = site()?;
        sites.with(|list| list.iter().find(|s| s.id == id).and_then(terms_of))
    });
    // Reports left waiting by an earlier visit, and every return of the network.
    spawn_local(flush(queue, confirmed));
    let online = window_event_listener(leptos::ev::online, move |_| spawn_local(flush(queue, confirmed)));
    on_cleanup(move || online.remove());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(site_id) = untrack(site) else {
            error.set(Some(t(lang.get_untracked(), "Choisissez un site.", "Choose a site.").into()));
            return;
        };
        let incident = NewIncident {
            site_id,
            description: description.get_untracked(),
            answers: Some(answers.get_untracked()).filter(|a| *a != Answers::default()),
            on_site_required: Some(on_site.get_untracked()),
            ..NewIncident::default()
        };
        let pending = Pending { key: new_key(), incident };
        let mut waiting = load_queue();
        waiting.push(pending);
        save_queue(&waiting);
        queue.set(waiting);
        confirmed.set(None);
        error.set(None);
        spawn_local(async move {
            flush(queue, confirmed).await;
            if confirmed.get_untracked().is_some() {
                description.set(String::new());
            }
        });
    };
    view! {
        <main>
            <form class="report-form" on:submit=submit>
                <div class="field page">
                    <label for="report-site"><Tr fr="Site" en="Site" /></label>
                    <select id="report-site" data-testid="report-site" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                        {move || sites.get().into_iter().map(|s| view! {
                            <option value=s.id.to_string() selected=move || site() == Some(s.id)>{format!("{} — {}", s.organisation_name, s.name)}</option>
                        }).collect_view()}
                    </select>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || on_site.get() on:change=move |ev| on_site.set(event_target_checked(&ev)) />
                        <Tr fr="Une intervention sur site est nécessaire" en="An on-site intervention is needed" />
                    </label>
                </div>
                <Questionnaire answers />
                <ReportPage now description answers terms />
                <div class="page">
                    <button type="submit" data-testid="report-submit" disabled=move || description.with(|d| d.trim().is_empty())>
                        <Tr fr="Signaler l'incident" en="Report the incident" />
                    </button>
                    <p class="error" role="alert">{move || error.get()}</p>
                    {move || (!queue.get().is_empty()).then(|| view! {
                        <p class="note" data-testid="report-waiting" role="status">
                            {t(lang.get(), "Hors ligne : le signalement attend le réseau et partira tout seul.", "Offline: the report is waiting for the network and will be sent by itself.")}
                        </p>
                    })}
                    {move || confirmed.get().map(|reference| view! {
                        <p class="confirmation" data-testid="report-confirmation" role="status">
                            {format!("{} {reference}", t(lang.get(), "Incident enregistré :", "Incident recorded:"))}
                        </p>
                    })}
                </div>
            </form>
        </main>
    }
}

/// An answer chosen in a list, read as the engine's data reads it (`"access_control"`);
/// "don't know" (the empty value) is none.
fn answer<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).ok()
}

/// The questionnaire: a few quick questions a site manager can answer on a phone.
#[component]
fn Questionnaire(answers: RwSignal<Answers>) -> impl IntoView {
    let choice = |id: &'static str, label: (&'static str, &'static str), options: Vec<(&'static str, &'static str, &'static str)>, set: fn(&mut Answers, &str)| {
        view! {
            <div class="field">
                <label for=id><Tr fr=label.0 en=label.1 /></label>
                <select id=id data-testid=id on:change=move |ev| { let v = event_target_value(&ev); answers.update(|a| set(a, &v)); }>
                    <option value=""><Tr fr="— je ne sais pas —" en="— don't know —" /></option>
                    {options.into_iter().map(|(value, fr, en)| view! { <option value=value><Tr fr en /></option> }).collect_view()}
                </select>
            </div>
        }
    };
    // A box ticked says yes; left empty, the question is unanswered (not "no").
    let flag = |id: &'static str, label: (&'static str, &'static str), set: fn(&mut Answers, Option<bool>)| {
        view! {
            <label class="check">
                <input type="checkbox" data-testid=id on:change=move |ev| { let on = event_target_checked(&ev).then_some(true); answers.update(|a| set(a, on)); } />
                <Tr fr=label.0 en=label.1 />
            </label>
        }
    };
    view! {
        <fieldset class="page questionnaire">
            <legend><Tr fr="Questions rapides" en="Quick questions" /></legend>
            {choice("answer-system", ("Système touché", "System affected"), vec![
                ("video", "Vidéo (caméras, enregistreurs)", "Video (cameras, recorders)"),
                ("access_control", "Contrôle d'accès (badges, portes)", "Access control (badges, doors)"),
                ("hypervisor", "Hyperviseur de sécurité", "Security hypervisor"),
                ("intrusion_detection", "Détection d'intrusion (alarme)", "Intrusion detection (alarm)"),
                ("other", "Autre", "Other"),
            ], |a, v| a.system = answer(v))}
            {choice("answer-scope", ("Étendue", "Extent"), vec![
                ("whole_site", "Tout le site", "The whole site"),
                ("several_devices", "Plusieurs équipements", "Several devices"),
                ("one_device", "Un équipement", "One device"),
                ("interface_only", "Seulement l'interface", "Only the interface"),
            ], |a, v| a.scope = answer(v))}
            {choice("answer-symptom", ("Ce que vous constatez", "What you see"), vec![
                ("down", "Hors service", "Out of service"),
                ("degraded", "Fonctionne mal", "Works badly"),
                ("display", "Problème d'affichage", "Display problem"),
                ("slow", "Lenteur", "Slowness"),
                ("configuration", "Mauvais réglage", "Wrong setting"),
            ], |a, v| a.symptom = answer(v))}
            {flag("answer-sensitive-zone", ("En zone sensible ou sur un passage important", "In a sensitive zone or on an important door"), |a, on| a.sensitive_zone = on)}
            {flag("answer-unauthorized", ("Des personnes non autorisées peuvent entrer", "Unauthorised people can get in"), |a, on| a.unauthorized_access_possible = on)}
            {flag("answer-intrusion", ("Une intrusion a été détectée", "An intrusion was detected"), |a, on| a.intrusion_detected = on)}
            {flag("answer-recording-lost", ("Des enregistrements sont perdus", "Recordings are lost"), |a, on| a.recording_lost = on)}
        </fieldset>
    }
}
