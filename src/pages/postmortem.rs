//! The post-mortem of a P1 (`/postmortems/{id}`): the timeline filled in from the
//! incident's events, the root cause, the corrective and preventive measures, the plan
//! with owners and due dates. The engine's check says, as the person writes, what is still
//! missing; publishing shares it with the client only when nothing is.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::PostMortemView;
use vigie_engine::postmortem::{PlanItem, PostMortem};

use crate::countdown::clock_digits;
use crate::i18n::{t, use_lang, Tr};
use crate::{api, clock};

/// Measures, one per line.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Plan items, one per line: `action ; owner ; YYYY-MM-DD`.
pub fn plan_items(text: &str) -> Vec<PlanItem> {
    lines(text)
        .into_iter()
        .map(|line| {
            let mut parts = line.split(';').map(str::trim);
            PlanItem {
                action: parts.next().unwrap_or_default().to_string(),
                owner: parts.next().unwrap_or_default().to_string(),
                due: parts.next().and_then(|d| vigie_engine::parse_date(d).ok()),
            }
        })
        .collect()
}

fn plan_text(plan: &[PlanItem]) -> String {
    plan.iter()
        .map(|p| format!("{} ; {} ; {}", p.action, p.owner, p.due.map(|d| d.to_string()).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page.
#[component]
pub fn PostMortemPage(id: i64) -> impl IntoView {
    let lang = use_lang();
    let now = clock::use_server_now();
    let loaded = RwSignal::new(None::<Result<PostMortemView, String>>);
    let root_cause = RwSignal::new(String::new());
    let corrective = RwSignal::new(String::new());
    let preventive = RwSignal::new(String::new());
    let plan = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let fill = move |view: &PostMortemView| {
        root_cause.set(view.document.root_cause.clone());
        corrective.set(view.document.corrective_measures.join("\n"));
        preventive.set(view.document.preventive_measures.join("\n"));
        plan.set(plan_text(&view.document.plan));
    };
    spawn_local(async move {
        let result = api::postmortem(id).await.map_err(|e| e.message);
        if let Ok(view) = &result {
            fill(view);
        }
        loaded.set(Some(result));
    });
    let document = Memo::new(move |_| {
        let timeline = loaded.with(|l| {
            l.as_ref().and_then(|r| r.as_ref().ok()).map(|v| v.document.timeline.clone()).unwrap_or_default()
        });
        PostMortem {
            timeline,
            root_cause: root_cause.get(),
            corrective_measures: lines(&corrective.get()),
            preventive_measures: lines(&preventive.get()),
            plan: plan_items(&plan.get()),
        }
    });
    let missing = Memo::new(move |_| document.with(|d| d.missing()));
    let save = move |publish: bool| {
        spawn_local(async move {
            let mut result = api::save_postmortem(id, &document.get_untracked()).await;
            if publish && result.is_ok() {
                result = api::publish_postmortem(id).await;
            }
            match result {
                Ok(view) => {
                    message.set(Some(t(lang.get_untracked(), "Enregistré.", "Saved.").into()));
                    loaded.set(Some(Ok(view)));
                }
                Err(e) => message.set(Some(e.message)),
            }
        })
    };
    let area = move |id: &'static str, label: (&'static str, &'static str), value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id><Tr fr=label.0 en=label.1 /></label>
                <textarea id=id data-testid=id rows="4" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            </div>
        }
    };
    view! {
        <main class="page">
            {move || match loaded.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(pm)) => {
                    let due = pm.due_at;
                    let published = pm.published_at;
                    let status = move || match published {
                        Some(_) => t(lang.get(), "publié au client", "published to the client"),
                        None => t(lang.get(), "brouillon", "draft"),
                    };
                    // Published: when, and whether on time; a draft counts down to its deadline.
                    let deadline = move || {
                        let lang = lang.get();
                        match published {
                            Some(at) => {
                                let when = crate::wording::when(at, now.get(), chrono_tz::Europe::Paris, lang);
                                let late = (at - due).num_seconds();
                                if late > 0 {
                                    format!("{} {when}, {} {}", t(lang, "Publié", "Published"), t(lang, "en retard de", "late by"), crate::wording::duration(late, lang))
                                } else {
                                    format!("{} {when}, {}", t(lang, "Publié", "Published"), t(lang, "dans les délais", "on time"))
                                }
                            }
                            None => format!("{} {}", t(lang, "À publier dans", "Due in"), clock_digits((due - now.get()).num_seconds())),
                        }
                    };
                    let state = if published.is_some() { "published" } else { "draft" };
                    let reference = pm.reference.clone();
                    view! {
                        <h1>{move || format!("Post-mortem {} — {}", pm.reference, status())}</h1>
                        <p><a href=format!("/incidents/{}", pm.incident_id) data-testid="postmortem-incident">
                            {move || format!("{} {reference}", t(lang.get(), "Voir l'incident", "See the incident"))}
                        </a></p>
                        <p data-testid="countdown" data-state=state data-deadline=due.to_rfc3339()>{deadline}</p>
                        <h2><Tr fr="Chronologie (heure de Paris)" en="Chronology (Paris time)" /></h2>
                        <ol class="timeline" data-testid="postmortem-timeline">
                            {pm.document.timeline.iter().map(|e| {
                                let (at, text) = (e.at, e.text.clone());
                                view! { <li>{move || format!("{} — {text}", crate::wording::when(at, now.get_untracked(), chrono_tz::Europe::Paris, lang.get()))}</li> }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
            {area("pm-root-cause", ("Analyse de la cause racine", "Root cause analysis"), root_cause)}
            {area("pm-corrective", ("Mesures correctives (une par ligne)", "Corrective measures (one per line)"), corrective)}
            {area("pm-preventive", ("Mesures préventives (une par ligne)", "Preventive measures (one per line)"), preventive)}
            {area("pm-plan", ("Plan : action ; responsable ; échéance AAAA-MM-JJ", "Plan: action ; owner ; due YYYY-MM-DD"), plan)}
            <ul class="missing" data-testid="postmortem-missing" aria-live="polite">
                {move || missing.get().into_iter().map(|m| view! { <li>{if lang.get() == crate::i18n::Lang::Fr { m.fr } else { m.en }}</li> }).collect_view()}
            </ul>
            <button on:click=move |_| save(false)><Tr fr="Enregistrer" en="Save" /></button>
            <button data-testid="postmortem-publish" disabled=move || !missing.with(Vec::is_empty) on:click=move |_| save(true)>
                <Tr fr="Publier au client" en="Publish to the client" />
            </button>
            <p role="status">{move || message.get()}</p>
        </main>
    }
}
