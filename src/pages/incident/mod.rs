//! One incident (`/incidents/{id}`): its clocks counting down, its timeline, and for staff
//! the actions of its life. Changes made elsewhere appear without reloading.

mod actions;
mod facts;
mod files;
mod forms;
mod timeline;

pub use actions::allows;
use actions::{refusal, Actions, Conversation};
use facts::{ClockLine, Facts};
pub use files::FileList;
use files::Files;
use forms::FORMS;
pub use forms::{site_instant, ActionForm, Outcome};
pub use timeline::detail;
use timeline::Timeline;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{EventView, IncidentView};
use vigie_engine::sla::{self, ClockState};
use vigie_engine::Calendar;

use crate::i18n::{t, use_lang};
use crate::live::{reload_on_open, use_live_events};
use crate::{api, clock, Session};

/// The page.
#[component]
pub fn IncidentPage(id: i64) -> impl IntoView {
    let lang = use_lang();
    let incident_id = id;
    let id = move || Some(incident_id);
    let now = clock::use_server_now();
    let incident = RwSignal::new(None::<Result<IncidentView, String>>);
    let timeline = RwSignal::new(Vec::<EventView>::new());
    let load = move || {
        let Some(id) = id() else {
            incident.set(Some(Err("?".into())));
            return;
        };
        spawn_local(async move {
            incident.set(Some(api::incident(id).await.map_err(|e| e.message)));
            if let Ok(events) = api::timeline(id).await {
                timeline.set(events);
            }
        });
    };
    load();
    // Bumped when a file is attached elsewhere: the files section reads its list again.
    let files_changed = RwSignal::new(0_u32);
    let connection = use_live_events(move |event| {
        if event.incident_id.is_some() && event.incident_id == id() {
            if event.kind == vigie_api::EventKind::AttachmentAdded {
                files_changed.update(|n| *n += 1);
            }
            load();
        }
    });
    reload_on_open(connection, load);
    // The actions stay in place while the incident reloads (after each action, at each
    // change made elsewhere): the keyboard's focus and what is being typed are kept.
    let current = Memo::new(move |_| incident.with(|i| i.as_ref().and_then(|i| i.as_ref().ok()).cloned()));
    let current = Signal::derive(move || current.get());
    let time_zone = Signal::derive(move || {
        incident.with(|i| {
            i.as_ref()
                .and_then(|i| i.as_ref().ok())
                .and_then(|i| i.time_zone.parse().ok())
                .unwrap_or(chrono_tz::Europe::Paris)
        })
    });
    view! {
        <main class="page">
            {move || match incident.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(i)) => view! { <IncidentDetails incident=i now /> }.into_any(),
            }}
            <Actions id=incident_id incident=current time_zone on_done=load />
            <ClientFollowUp id=incident_id incident=current time_zone now on_done=load />
            <Conversation id=incident_id incident=current on_done=load />
            <Files id=incident_id incident=current changed=files_changed />
            <Timeline events=timeline time_zone now />
        </main>
    }
}

/// What the incident is and where its promises stand, counting down at `now`.
#[component]
pub fn IncidentDetails(incident: IncidentView, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang();
    let calendar = Calendar::try_from(incident.calendar.clone()).ok();
    let time_zone = calendar.as_ref().map_or(chrono_tz::Europe::Paris, Calendar::time_zone);
    let times = incident.times();
    let policy = incident.policy;
    let computed_at = incident.computed_at;
    let staff = use_context::<Session>().and_then(|s| s.user.get_untracked()).is_some_and(|u| u.is_staff());
    let clocks = move || {
        calendar
            .as_ref()
            // Never earlier than the server's computation: an event just recorded (and
            // shown) has stopped its clock even if this screen's clock lags a moment.
            .and_then(|c| sla::clocks(&times, &policy, c, now.get().max(computed_at)).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.state != ClockState::NotApplicable || c.moot)
            .collect::<Vec<_>>()
    };
    view! {
        <h1>{format!("{} — {}", incident.reference, incident.priority)}</h1>
        <p data-testid="incident-status" data-status=format!("{:?}", incident.status).to_lowercase()>
            {format!("{} — {} · {}", incident.organisation_name, incident.site_name, crate::wording::status_name(incident.status, lang.get_untracked()))}
        </p>
        // An internal follow-up: the client is told when the review opens, in its own notice.
        {(incident.recurrent && staff).then(|| view! { <p class="note" data-testid="recurrent-note">{t(lang.get_untracked(), "Incident récurrent : revue technique ouverte.", "Recurrent incident: technical review opened.")}</p> })}
        <p class="description">{incident.description.clone()}</p>
        <Facts incident=incident.clone() time_zone now staff />
        {(incident.priority == vigie_engine::Priority::P1 && incident.resolved_at.is_some()).then(|| view! { <PostMortemLink incident=incident.id /> })}
        <ul class="clocks">
            {move || clocks().into_iter().map(|c| view! { <ClockLine clock=c time_zone now /> }).collect_view()}
        </ul>
    }
}

/// What the client's users answer once the work is done: whether the fix holds (confirm,
/// or reopen with what is still wrong) while the incident is resolved, then how satisfied
/// they are once it is closed. Staff see none of it: it is the client's word.
#[component]
pub fn ClientFollowUp(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    time_zone: Signal<chrono_tz::Tz>,
    now: Signal<DateTime<Utc>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let client = use_context::<Session>().and_then(|s| s.user.get_untracked()).is_some_and(|u| !u.is_staff());
    let reason = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let score = RwSignal::new(None::<u8>);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let send = move |action: &'static str, body: serde_json::Value| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        spawn_local(async move {
            match api::act(id, action, &body).await {
                Ok(_) => {
                    error.set(None);
                    reason.set(String::new());
                    on_done();
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            sending.set(false);
        });
    };
    let stage = move || incident.with(|i| i.as_ref().map(|i| (i.status, i.closes_at, i.satisfaction.clone())));
    move || {
        let l = lang.get();
        let (status, closes_at, satisfaction) = stage().filter(|_| client)?;
        let error_line =
            move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="follow-up-error">{e}</p> });
        Some(match (status, satisfaction) {
            (vigie_api::Status::Resolved, _) => view! {
                <section class="panel follow-up" data-testid="confirmation" aria-labelledby="confirmation-title">
                    <h2 id="confirmation-title">{t(l, "Le problème est-il réglé ?", "Is the problem solved?")}</h2>
                    {closes_at.map(|at| view! { <p class="hint">{format!("{} {}.", t(l, "Sans réponse de votre part, l'incident sera clos", "Without an answer from you, the incident closes"), crate::wording::when(at, now.get_untracked(), time_zone.get_untracked(), l))}</p> })}
                    <button type="button" class="primary" data-testid="confirm" disabled=move || sending.get()
                        on:click=move |_| send("confirm", serde_json::json!({}))>
                        {t(l, "Oui, c'est réglé", "Yes, it is solved")}
                    </button>
                    <form on:submit=move |ev| { ev.prevent_default(); send("reopen", serde_json::json!(vigie_api::Reopening { reason: reason.get_untracked().trim().to_string() })); }>
                        <label for="reopen-reason">{t(l, "Non : qu'est-ce qui ne va toujours pas ?", "No: what is still wrong?")}</label>
                        <textarea id="reopen-reason" data-testid="reopen-reason" rows="3"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <button type="submit" data-testid="reopen" disabled=move || sending.get() || reason.with(|r| r.trim().is_empty())>
                            {t(l, "Rouvrir l'incident", "Reopen the incident")}
                        </button>
                    </form>
                    {error_line}
                </section>
            }.into_any(),
            (vigie_api::Status::Closed, None) => view! {
                <section class="panel follow-up" data-testid="satisfaction" aria-labelledby="satisfaction-title">
                    <h2 id="satisfaction-title">{t(l, "Votre avis", "Your opinion")}</h2>
                    <form on:submit=move |ev| {
                        ev.prevent_default();
                        if let Some(score) = score.get_untracked() {
                            let comment = comment.get_untracked();
                            let comment = Some(comment.trim().to_string()).filter(|c| !c.is_empty());
                            send("satisfaction", serde_json::json!(vigie_api::Rating { score, comment }));
                        }
                    }>
                        <fieldset class="score">
                            <legend>{t(l, "Êtes-vous satisfait de la prise en charge ? (1 : pas du tout, 5 : tout à fait)", "How satisfied are you with how it was handled? (1: not at all, 5: fully)")}</legend>
                            {(1u8..=5).map(|n| view! {
                                <label>
                                    <input type="radio" name="score" value=n.to_string() data-testid=format!("score-{n}")
                                        prop:checked=move || score.get() == Some(n) on:change=move |_| score.set(Some(n)) />
                                    {n.to_string()}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <label for="satisfaction-comment">{t(l, "Un commentaire (facultatif)", "A comment (optional)")}</label>
                        <textarea id="satisfaction-comment" data-testid="satisfaction-comment" rows="3"
                            prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                        <button type="submit" class="primary" data-testid="rate" disabled=move || sending.get() || score.get().is_none()>
                            {t(l, "Envoyer mon avis", "Send my opinion")}
                        </button>
                    </form>
                    {error_line}
                </section>
            }.into_any(),
            (vigie_api::Status::Closed, Some(given)) => view! {
                <p class="note" data-testid="satisfaction-given">{format!("{} {}/5.", t(l, "Merci pour votre avis :", "Thank you for your opinion:"), given.score)}</p>
            }.into_any(),
            _ => return None,
        })
    }
}

/// A resolved P1's post-mortem: a link to it, drafted or published.
#[component]
fn PostMortemLink(incident: i64) -> impl IntoView {
    let lang = use_lang();
    let found = RwSignal::new(None::<vigie_api::PostMortemView>);
    spawn_local(async move { found.set(api::postmortem_of(incident).await.ok()) });
    move || {
        found.get().map(|pm| {
            let said = if pm.published_at.is_some() {
                t(lang.get(), "Post-mortem publié", "Post-mortem published")
            } else {
                t(lang.get(), "Post-mortem en cours de rédaction", "Post-mortem being written")
            };
            view! { <p><a href=format!("/postmortems/{}", pm.id) data-testid="incident-postmortem">{said}</a></p> }
        })
    }
}
