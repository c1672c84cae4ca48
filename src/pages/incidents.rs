//! The incidents list (`/incidents`): open incidents, newest first, kept up to date live.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::IncidentView;

use crate::countdown::Urgent;
use crate::i18n::{t, use_lang, Tr};
use crate::live::{reload_on_open, use_live_events};
use crate::pages::wall::ConnectionBadge;
use crate::{api, clock};

/// How many rows a page of the list shows before "more".
const PAGE: usize = 25;

/// The page: open incidents by default, or the closed history, or all; searched by
/// reference, site or words of the description; a page at a time.
#[component]
pub fn IncidentsPage() -> impl IntoView {
    let lang = use_lang();
    let now = clock::use_server_now();
    let state = RwSignal::new("open".to_string());
    // Staff: everyone's, mine, or nobody's.
    let assignee = RwSignal::new(String::new());
    let staff = move || expect_context::<crate::Session>().user.with(|u| u.as_ref().is_some_and(|u| u.is_staff()));
    let search = RwSignal::new(String::new());
    let shown_count = RwSignal::new(PAGE);
    let incidents = RwSignal::new(None::<Result<Vec<IncidentView>, String>>);
    let reload = move || {
        let (which, whose) = (state.get_untracked(), assignee.get_untracked());
        spawn_local(async move { incidents.set(Some(api::incidents_of(&which, &whose).await.map_err(|e| e.message))) })
    };
    Effect::new(move |_| {
        state.track();
        assignee.track();
        shown_count.set(PAGE);
        reload();
    });
    let connection = use_live_events(move |_| reload());
    reload_on_open(connection, reload);
    // Every word searched must appear, accents and case aside.
    let matching = Memo::new(move |_| {
        let words: Vec<String> = search.with(|s| s.split_whitespace().map(fold).collect());
        incidents.with(|i| {
            i.as_ref().map(|r| {
                r.as_ref().map_err(Clone::clone).map(|list| {
                    list.iter()
                        .filter(|i| {
                            let haystack = fold(&format!(
                                "{} {} {} {}",
                                i.reference, i.organisation_name, i.site_name, i.description
                            ));
                            words.iter().all(|w| haystack.contains(w.as_str()))
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    // The table stays in place as the list reloads and only the rows that changed are
    // redrawn: a link that has the keyboard's focus keeps it.
    let shown =
        Memo::new(move |_| matching.with(|i| i.as_ref().map(|r| r.as_ref().map(|l| l.len()).map_err(Clone::clone))));
    let rows = Memo::new(move |_| {
        matching.with(|i| {
            i.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|l| l.iter().take(shown_count.get()).cloned().collect::<Vec<IncidentView>>())
                .unwrap_or_default()
        })
    });
    let title = move || match state.get().as_str() {
        "closed" => t(lang.get(), "Incidents clos", "Closed incidents"),
        "all" => t(lang.get(), "Tous les incidents", "All incidents"),
        _ => t(lang.get(), "Incidents ouverts", "Open incidents"),
    };
    view! {
        <main class="page">
            <h1 id="incidents-title">{title}</h1>
            <ConnectionBadge connection />
            <form class="list-filters" role="search" on:submit=|ev| ev.prevent_default()>
                <label><Tr fr="Lesquels" en="Which" />
                    <select data-testid="incidents-state" on:change=move |ev| state.set(event_target_value(&ev))>
                        <option value="open" selected=move || state.get() == "open"><Tr fr="Ouverts" en="Open" /></option>
                        <option value="closed" selected=move || state.get() == "closed"><Tr fr="Clos (historique)" en="Closed (history)" /></option>
                        <option value="all" selected=move || state.get() == "all"><Tr fr="Tous" en="All" /></option>
                    </select>
                </label>
                <Show when=staff>
                    <label><Tr fr="Responsable" en="Owner" />
                        <select data-testid="incidents-assignee" on:change=move |ev| assignee.set(event_target_value(&ev))>
                            <option value=""><Tr fr="Tous" en="Anyone" /></option>
                            <option value="me"><Tr fr="Les miens" en="Mine" /></option>
                            <option value="none"><Tr fr="Sans responsable" en="Unassigned" /></option>
                        </select>
                    </label>
                </Show>
                <label><Tr fr="Rechercher" en="Search" />
                    <input type="search" data-testid="incidents-search" prop:value=move || search.get() on:input=move |ev| { search.set(event_target_value(&ev)); shown_count.set(PAGE); } />
                </label>
            </form>
            {move || match shown.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(0)) => view! { <p data-testid="incidents-empty">{if search.with(|s| s.trim().is_empty()) {
                    match state.get().as_str() {
                        "closed" => t(lang.get(), "Aucun incident clos.", "No closed incident."),
                        "all" => t(lang.get(), "Aucun incident.", "No incident."),
                        _ => t(lang.get(), "Aucun incident ouvert.", "No open incident."),
                    }
                } else {
                    t(lang.get(), "Aucun incident ne correspond à la recherche.", "No incident matches the search.")
                }}</p> }.into_any(),
                // On a phone the table scrolls in its frame, which takes the keyboard's focus
                // so that arrow keys scroll it too.
                Some(Ok(total)) => view! {
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="incidents-title">
                    <table class="incidents">
                        <thead><tr>
                            <th scope="col">{t(lang.get(), "Référence", "Reference")}</th>
                            <th scope="col">{t(lang.get(), "Priorité", "Priority")}</th>
                            <th scope="col">{t(lang.get(), "Site", "Site")}</th>
                            <th scope="col">{t(lang.get(), "Description", "Description")}</th>
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
                    <p class="list-count" data-testid="incidents-count">{move || format!("{} / {total}", rows.with(Vec::len))}</p>
                    <Show when=move || rows.with(Vec::len) < total>
                        <button data-testid="incidents-more" on:click=move |_| shown_count.update(|n| *n += PAGE)>
                            <Tr fr="Afficher plus" en="Show more" />
                        </button>
                    </Show>
                }.into_any(),
            }}
        </main>
    }
}

/// Text folded for searching: lower case, without accents.
fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

#[component]
fn IncidentRow(incident: IncidentView, now: Signal<chrono::DateTime<chrono::Utc>>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let urgent = Urgent::of(&incident, now.get_untracked());
    let due = move || {
        urgent.as_ref().map(|u| {
            let left = u.left_seconds(now.get());
            format!("{} ({})", crate::countdown::clock_digits(left), u.shown(now.get()).said(lang.get()))
        })
    };
    view! {
        <tr data-testid="incident-row" data-reference=incident.reference.clone()>
            <td><a href=format!("/incidents/{}", incident.id)>{incident.reference.clone()}</a></td>
            <td class=format!("priority-{}", incident.priority.as_str().to_ascii_lowercase())>{incident.priority.as_str()}</td>
            <td>{format!("{} — {}", incident.organisation_name, incident.site_name)}</td>
            <td class="description">{incident.description.clone()}</td>
            <td>{move || match incident.assignee.as_ref().map(|a| &a.name) {
                Some(owner) => format!("{} · {owner}", crate::wording::status_name(incident.status, lang.get())),
                None => crate::wording::status_name(incident.status, lang.get()).to_string(),
            }}</td>
            <td>{due}</td>
        </tr>
    }
}
