//! Reporting an incident (`/report`): the site, the description with its live suggestion
//! ([`crate::ReportPage`]), and the submission.
//!
//! Each report carries an `Idempotency-Key` made when the person submits: a retry never
//! reports twice. Offline, the report waits in local storage, shown as waiting, and is sent
//! when the network returns — once, with the same key.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{NewIncident, SiteView};

use crate::i18n::{t, use_lang};
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

/// The page.
#[component]
pub fn ReportFormPage() -> impl IntoView {
    let lang = use_lang();
    let now = clock::use_server_now();
    let description = RwSignal::new(String::new());
    let sites = RwSignal::new(Vec::<SiteView>::new());
    let site = RwSignal::new(None::<i64>);
    let on_site = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirmed = RwSignal::new(None::<String>);
    let queue = RwSignal::new(load_queue());
    spawn_local(async move {
        if let Ok(list) = api::sites().await {
            site.set(list.first().map(|s| s.id));
            sites.set(list);
        }
    });
    // Reports left waiting by an earlier visit, and every return of the network.
    spawn_local(flush(queue, confirmed));
    let online = window_event_listener(leptos::ev::online, move |_| spawn_local(flush(queue, confirmed)));
    on_cleanup(move || online.remove());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(site_id) = site.get_untracked() else {
            error.set(Some(t(lang.get_untracked(), "Choisissez un site.", "Choose a site.").into()));
            return;
        };
        let incident = NewIncident {
            site_id,
            description: description.get_untracked(),
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
        <form class="report-form" on:submit=submit>
            <div class="field page">
                <label for="report-site">{move || t(lang.get(), "Site", "Site")}</label>
                <select id="report-site" data-testid="report-site" on:change=move |ev| site.set(event_target_value(&ev).parse().ok())>
                    {move || sites.get().into_iter().map(|s| view! {
                        <option value=s.id.to_string() selected=move || site.get() == Some(s.id)>{format!("{} — {}", s.organisation_name, s.name)}</option>
                    }).collect_view()}
                </select>
                <label class="check">
                    <input type="checkbox" prop:checked=move || on_site.get() on:change=move |ev| on_site.set(event_target_checked(&ev)) />
                    {move || t(lang.get(), "Une intervention sur site est nécessaire", "An on-site intervention is needed")}
                </label>
            </div>
            <ReportPage now description />
            <div class="page">
                <button type="submit" data-testid="report-submit" disabled=move || description.with(|d| d.trim().is_empty())>
                    {move || t(lang.get(), "Signaler l'incident", "Report the incident")}
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
    }
}
