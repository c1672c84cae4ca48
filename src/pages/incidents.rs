//! The incidents list (`/incidents`): open incidents, newest first, kept up to date live.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::IncidentView;

use crate::countdown::Urgent;
use crate::i18n::{t, use_lang};
use crate::live::{reload_on_open, use_live_events};
use crate::{api, clock};

/// The page.
#[component]
pub fn IncidentsPage() -> impl IntoView {
    let lang = use_lang();
    let now = clock::use_server_now();
    let incidents = RwSignal::new(None::<Result<Vec<IncidentView>, String>>);
    let reload = move || spawn_local(async move { incidents.set(Some(api::open_incidents().await.map_err(|e| e.message))) });
    reload();
    let connection = use_live_events(move |_| reload());
    reload_on_open(connection, reload);
    view! {
        <main class="page">
            <h1>{move || t(lang.get(), "Incidents ouverts", "Open incidents")}</h1>
            <p class="connection" data-testid="connection-state" data-state=move || connection.get().as_str()>{move || connection.get().as_str()}</p>
            {move || match incidents.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{t(lang.get(), "Aucun incident ouvert.", "No open incident.")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="incidents">
                        <thead><tr>
                            <th>{t(lang.get(), "Référence", "Reference")}</th>
                            <th>{t(lang.get(), "Priorité", "Priority")}</th>
                            <th>{t(lang.get(), "Site", "Site")}</th>
                            <th>{t(lang.get(), "État", "Status")}</th>
                            <th>{t(lang.get(), "Échéance", "Due")}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|incident| view! { <IncidentRow incident now /> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </main>
    }
}

#[component]
fn IncidentRow(incident: IncidentView, now: Signal<chrono::DateTime<chrono::Utc>>) -> impl IntoView {
    let urgent = Urgent::of(&incident, now.get_untracked());
    let due = move || {
        urgent.as_ref().map(|u| {
            let left = u.left_seconds(now.get());
            format!("{} ({})", crate::countdown::clock_digits(left), u.shown(now.get()).as_str())
        })
    };
    view! {
        <tr data-testid="incident-row" data-reference=incident.reference.clone()>
            <td><a href=format!("/incidents/{}", incident.id)>{incident.reference.clone()}</a></td>
            <td class=format!("priority-{}", incident.priority.as_str().to_ascii_lowercase())>{incident.priority.as_str()}</td>
            <td>{format!("{} — {}", incident.organisation_name, incident.site_name)}</td>
            <td>{crate::fr::status_name(incident.status, crate::i18n::use_lang().get_untracked())}</td>
            <td>{due}</td>
        </tr>
    }
}
