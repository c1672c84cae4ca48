//! The incidents list (`/incidents`): open incidents, newest first, kept up to date live.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::IncidentView;

use crate::countdown::Urgent;
use crate::i18n::{t, use_lang, Tr};
use crate::live::{reload_on_open, use_live_events};
use crate::pages::wall::ConnectionBadge;
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
    // The table stays in place as the list reloads and only the rows that changed are
    // redrawn: a link that has the keyboard's focus keeps it.
    let shown = Memo::new(move |_| incidents.with(|i| i.as_ref().map(|r| r.as_ref().map(|l| !l.is_empty()).map_err(Clone::clone))));
    let rows = Memo::new(move |_| incidents.with(|i| i.as_ref().and_then(|r| r.as_ref().ok()).cloned().unwrap_or_default()));
    view! {
        <main class="page">
            <h1 id="incidents-title"><Tr fr="Incidents ouverts" en="Open incidents" /></h1>
            <ConnectionBadge connection />
            {move || match shown.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(false)) => view! { <p>{t(lang.get(), "Aucun incident ouvert.", "No open incident.")}</p> }.into_any(),
                // On a phone the table scrolls in its frame, which takes the keyboard's focus
                // so that arrow keys scroll it too.
                Some(Ok(true)) => view! {
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="incidents-title">
                    <table class="incidents">
                        <thead><tr>
                            <th scope="col">{t(lang.get(), "Référence", "Reference")}</th>
                            <th scope="col">{t(lang.get(), "Priorité", "Priority")}</th>
                            <th scope="col">{t(lang.get(), "Site", "Site")}</th>
                            <th scope="col">{t(lang.get(), "État", "Status")}</th>
                            <th scope="col">{t(lang.get(), "Échéance", "Due")}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|i| (i.id, i.status as u8, i.priority, i.last_update_at) let:incident>
                                <IncidentRow incident now />
                            </For>
                        </tbody>
                    </table>
                    </div>
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
