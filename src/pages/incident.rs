//! One incident (`/incidents/{id}`): its clocks counting down, its timeline, and for staff
//! the actions of its life. Changes made elsewhere appear without reloading.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{EventView, IncidentView};
use vigie_engine::sla::{self, Clock, ClockState};
use vigie_engine::Calendar;

use crate::countdown::Shown;
use crate::i18n::{t, use_lang, Lang, Tr};
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
    let connection = use_live_events(move |event| {
        if event.incident_id.is_some() && event.incident_id == id() {
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

/// What happened on site and to the data, as the client reads it: who was sent and when,
/// when the intervention is planned, what was lost and whether the GDPR notice went.
#[component]
fn Facts(incident: IncidentView, time_zone: chrono_tz::Tz, now: Signal<DateTime<Utc>>, staff: bool) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let when = move |at: DateTime<Utc>| crate::wording::when(at, now.get_untracked(), time_zone, lang);
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    match (incident.assignee.as_ref().map(|a| &a.name), incident.resolved_at) {
        (Some(name), _) => lines.push(("owner", format!("{} {name}", t(lang, "Responsable :", "Owner:")))),
        (None, None) if staff => lines.push((
            "owner",
            t(lang, "Personne n'a encore pris l'incident.", "Nobody has taken the incident yet.").to_string(),
        )),
        (None, None) => {}
        (None, Some(_)) => {}
    }
    if let Some(zone) = &incident.zone {
        lines.push(("zone", format!("{} {zone}", t(lang, "Zone :", "Zone:"))));
    }
    let nothing_yet = incident.dispatched_at.is_none()
        && incident.intervention_planned_for.is_none()
        && incident.on_site_at.is_none();
    if incident.on_site_required && nothing_yet && incident.resolved_at.is_none() {
        lines.push((
            "on-site-needed",
            t(lang, "Un technicien doit se rendre sur site.", "A technician must go on site.").to_string(),
        ));
    }
    if let Some(at) = incident.dispatched_at {
        lines.push((
            "dispatched",
            format!("{} {}", t(lang, "Technicien envoyé sur site :", "Technician dispatched:"), when(at)),
        ));
    }
    if let Some(at) = incident.intervention_planned_for.filter(|_| incident.on_site_at.is_none()) {
        let reason = incident.intervention_plan_reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        lines.push((
            "planned",
            format!("{} {}{reason}", t(lang, "Intervention prévue :", "Intervention planned:"), when(at)),
        ));
    }
    if let Some(at) = incident.on_site_at {
        lines.push((
            "arrived",
            format!("{} {}", t(lang, "Technicien arrivé sur site :", "Technician on site:"), when(at)),
        ));
    }
    if let Some(at) = incident.data_loss_known_at {
        let what = incident.data_loss_description.clone().unwrap_or_default();
        lines.push((
            "data-loss",
            format!("{} {} — {what}", t(lang, "Perte de données constatée :", "Data loss known:"), when(at)),
        ));
        let notice = match incident.gdpr_notice_sent_at {
            Some(sent) => format!("{} {}", t(lang, "Information RGPD envoyée :", "GDPR notice sent:"), when(sent)),
            None => t(
                lang,
                "Information RGPD à envoyer (voir l'échéance ci-dessous).",
                "GDPR notice to send (see its deadline below).",
            )
            .to_string(),
        };
        lines.push(("gdpr", notice));
    }
    let callback = incident.callback_phone.clone().filter(|_| incident.resolved_at.is_none());
    view! {
        <ul class="facts" data-testid="facts">
            {callback.map(|phone| view! {
                <li data-fact="callback">{t(lang, "À rappeler au ", "Call back on ")}<a href=format!("tel:{}", phone.replace([' ', '.', '-', '(', ')'], ""))>{phone.clone()}</a></li>
            })}
            {lines.into_iter().map(|(fact, text)| view! { <li data-fact=fact>{text}</li> }).collect_view()}
        </ul>
    }
}

#[component]
fn ClockLine(clock: Clock, time_zone: chrono_tz::Tz, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let shown = Shown::of(&clock);
    let state = shown.as_str();
    let said = match shown {
        Shown::Moot => t(lang, "sans objet (résolu avant l'échéance)", "not needed (resolved before the deadline)"),
        Shown::Late => t(lang, "en retard de", "late by"),
        Shown::Met => t(lang, "tenu", "met"),
        Shown::Breached => t(lang, "dépassé de", "breached by"),
        Shown::AtRisk => t(lang, "à risque, reste", "at risk,"),
        Shown::Paused => t(lang, "en pause (hors heures ouvrées), reste", "paused (outside business hours),"),
        Shown::Ok => t(lang, "reste", ""),
    };
    let due = clock.due.map(|d| d.to_rfc3339()).unwrap_or_default();
    let left = match shown {
        Shown::Late | Shown::Breached => {
            clock.late_by_seconds.map(|l| crate::wording::duration(l, lang)).unwrap_or_default()
        }
        Shown::Met | Shown::Moot => String::new(),
        _ => clock.left_seconds.map(|l| crate::wording::duration(l, lang)).unwrap_or_default(),
    };
    let resumes = clock.resumes_at.filter(|_| clock.paused).map(|r| {
        format!(
            " — {} {}",
            t(lang, "reprend", "resumes"),
            crate::wording::when(r, now.get_untracked(), time_zone, lang)
        )
    });
    view! {
        <li class=format!("clock clock-{state}") data-testid="countdown" data-state=state data-deadline=due>
            {format!("{} : {said} {left}{}", crate::wording::clock_name(clock.kind, lang), resumes.unwrap_or_default())}
        </li>
    }
}

#[component]
fn Timeline(
    events: RwSignal<Vec<EventView>>,
    time_zone: Signal<chrono_tz::Tz>,
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="timeline" data-testid="timeline">
            {move || events.get().into_iter().map(|e| view! {
                <li data-kind=e.kind.clone()>{format!(
                    "{} — {}{}{}",
                    crate::wording::when(e.at, now.get_untracked(), time_zone.get(), lang.get()),
                    crate::wording::event_name(&e.kind, lang.get()),
                    e.actor_name.as_ref().map(|who| format!(" ({} {who})", t(lang.get(), "par", "by"))).unwrap_or_default(),
                    detail(&e.kind, &e.data, time_zone.get(), now.get_untracked(), lang.get()),
                )}</li>
            }).collect_view()}
        </ol>
    }
}

/// What an event says beyond its name: what changed (old → new), to whom and by which
/// channel a notice went, which promise an alert is about, and any words of its own (a
/// reason, the message sent to the client, a description, a note).
pub fn detail(
    kind: &str,
    data: &serde_json::Value,
    time_zone: chrono_tz::Tz,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let text = |k: &str| data[k].as_str().filter(|v| !v.is_empty()).map(str::to_string);
    let own = ["reason", "message", "text", "description", "note", "findings", "error"].iter().find_map(|k| text(k));
    let mut parts: Vec<String> = Vec::new();
    match kind {
        "reclassified" | "type_corrected" => {
            if let (Some(from), Some(to)) = (text("from"), text("to")) {
                parts.push(format!(
                    "{} → {}",
                    crate::wording::code_label(&from, lang),
                    crate::wording::code_label(&to, lang)
                ));
            }
        }
        "notification_delivered" | "notification_failed" => {
            let channel = match text("channel").as_deref() {
                Some("sms") => t(lang, "par SMS", "by SMS"),
                Some("email") => t(lang, "par e-mail", "by email"),
                _ => "",
            };
            let to = text("recipient").map(|r| format!("{} {r}", t(lang, "à", "to"))).unwrap_or_default();
            parts.push(
                [channel.to_string(), to].iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" "),
            );
            if let Some(subject) = text("subject") {
                parts.push(format!("« {subject} »"));
            }
        }
        "alert" => {
            if let Ok(clock) = serde_json::from_value::<sla::ClockKind>(data["clock"].clone()) {
                let level = match text("level").as_deref() {
                    Some("breached") => t(lang, "dépassé", "breached").to_string(),
                    Some("escalated") => match text("to") {
                        Some(to) => {
                            format!("{} {to}", t(lang, "toujours dépassé, escaladé à", "still breached, escalated to"))
                        }
                        None => t(
                            lang,
                            "toujours dépassé, escaladé au second niveau",
                            "still breached, escalated to the second level",
                        )
                        .to_string(),
                    },
                    _ => t(lang, "à risque", "at risk").to_string(),
                };
                parts.push(format!("{} {level}", crate::wording::clock_name(clock, lang)));
            }
        }
        "rated" => {
            let score = data["score"].as_u64().unwrap_or_default();
            parts.push(format!("{score}/5"));
            parts.extend(text("comment"));
        }
        "closed" if data["automatic"] == true => {
            parts.push(t(lang, "sans réponse du client dans le délai", "no answer from the client in time").to_string())
        }
        "oncall_page" => parts.push(match text("to") {
            Some(to) => format!("{to} {}", t(lang, "par SMS et e-mail", "by SMS and email")),
            None => t(
                lang,
                "personne de service : le responsable d'exploitation est prévenu",
                "nobody on duty: the operations manager is told",
            )
            .to_string(),
        }),
        "assigned" if data["oncall"] == true => parts.push(match text("to") {
            Some(to) => format!("{} {to}, {}", t(lang, "confié à", "assigned to"), t(lang, "d'astreinte", "on call")),
            None => t(lang, "plus personne", "nobody now").to_string(),
        }),
        "assigned" => parts.push(match text("to") {
            Some(to) => format!("{} {to}", t(lang, "confié à", "assigned to")),
            None => t(lang, "plus personne", "nobody now").to_string(),
        }),
        "intervention_planned" => {
            if let Some(at) = text("planned_for").and_then(|p| p.parse::<DateTime<Utc>>().ok()) {
                parts.push(format!("{} {}", t(lang, "pour", "for"), crate::wording::when(at, now, time_zone, lang)));
            }
        }
        _ => {}
    }
    parts.extend(own);
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" : {}", parts.join(" — "))
    }
}

/// The staff's actions, as a workspace: only those the incident's state allows, in the
/// order of the procedure (take charge, go on site, inform, resolve, close), each with its
/// refusal said in words beside it. A button for each event that needs nothing more, one
/// form for each that does, all drawn from [`FORMS`].
#[component]
fn Actions(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    time_zone: Signal<chrono_tz::Tz>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let lang = use_lang();
    let run = Callback::new(move |(action, body, outcome): (&'static str, serde_json::Value, Outcome)| {
        outcome.set(None);
        spawn_local(async move {
            match api::act(id, action, &body).await {
                Ok(_) => {
                    outcome.set(Some(Ok(())));
                    on_done();
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
    });
    let staff = move || incident.with(Option::is_some) && session.user.get().is_some_and(|u| u.is_staff());
    let allowed = move |action: &str| incident.with(|i| i.as_ref().is_some_and(|i| allows(i, action)));
    const BUTTONS: [(&str, &str, &str); 3] = [
        ("acknowledge", "Prise en charge faite", "Taken in charge"),
        ("dispatch", "Technicien envoyé", "Technician dispatched"),
        ("on-site", "Arrivé sur site", "On site"),
    ];
    let button = move |(action, fr, en): (&'static str, &'static str, &'static str)| {
        let outcome: Outcome = RwSignal::new(None);
        view! {
            <Show when=move || allowed(action)>
                <div class="action">
                    <button class="primary" data-testid=format!("action-{action}") on:click=move |_| run.run((action, serde_json::json!({}), outcome))><Tr fr en /></button>
                    <p class="error" role="alert" data-testid=format!("error-{action}")>{move || outcome.get().and_then(Result::err).map(|e| refusal(&e, lang.get()))}</p>
                </div>
            </Show>
        }
    };
    let current = Signal::derive(move || incident.get());
    view! {
        <Show when=staff>
            <section class="panel actions">
                <h2><Tr fr="Actions" en="Actions" /></h2>
                <Owner id incident on_done />
                {BUTTONS.into_iter().map(button).collect_view()}
                {FORMS.iter().map(|form| view! {
                    <Show when=move || allowed(form.action)>
                        <ActionForm action=form.action run time_zone incident=current />
                    </Show>
                }).collect_view()}
                {button(("close", "Clore l'incident", "Close the incident"))}
                <Show when=move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_some()))>
                    <p class="note" data-testid="actions-closed"><Tr fr="Incident clos : seules une perte de données et son information RGPD peuvent encore être enregistrées." en="Incident closed: only a data loss and its GDPR notice can still be recorded." /></p>
                </Show>
            </section>
        </Show>
    }
}

/// Writing on the incident: the client and the staff to each other, and the staff an
/// internal note the client never sees. What is written appears in the timeline.
#[component]
fn Conversation(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let staff = move || session.user.with(|u| u.as_ref().is_some_and(|u| u.is_staff()));
    let open = move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_none()));
    let text = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || text.with_untracked(|t| t.trim().is_empty()) {
            return;
        }
        sending.set(true);
        spawn_local(async move {
            match api::message(id, &text.get_untracked(), internal.get_untracked()).await {
                Ok(_) => {
                    text.set(String::new());
                    internal.set(false);
                    error.set(None);
                    on_done();
                }
                Err(e) => error.set(Some(refusal(&e, lang.get_untracked()))),
            }
            sending.set(false);
        });
    };
    view! {
        <Show when=open>
            <form class="panel conversation" on:submit=send>
                <h2><Tr fr="Écrire" en="Write" /></h2>
                <label for="message-text">{move || if staff() { t(lang.get(), "Message au client, ou note pour l'équipe", "Message to the client, or a note for the team") } else { t(lang.get(), "Un message pour le support", "A message for the support team") }}</label>
                <textarea id="message-text" data-testid="message-text" rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <Show when=staff>
                    <label class="check">
                        <input type="checkbox" data-testid="message-internal" prop:checked=move || internal.get() on:change=move |ev| internal.set(event_target_checked(&ev)) />
                        <Tr fr="Note interne : jamais montrée au client" en="Internal note: never shown to the client" />
                    </label>
                </Show>
                <button type="submit" class="primary" data-testid="message-send" disabled=move || sending.get() || text.with(|t| t.trim().is_empty())>
                    {move || if internal.get() { t(lang.get(), "Ajouter la note", "Add the note") } else { t(lang.get(), "Envoyer", "Send") }}
                </button>
                <p class="error" role="alert" data-testid="message-error">{move || error.get()}</p>
            </form>
        </Show>
    }
}

/// Who owns the incident: "I take it" for whoever does not yet, and the choice of anyone on
/// the team (or nobody).
#[component]
fn Owner(
    id: i64,
    incident: Signal<Option<IncidentView>>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let me = move || session.user.with(|u| u.as_ref().map(|u| u.id));
    let owner = move || incident.with(|i| i.as_ref().and_then(|i| i.assignee.as_ref().map(|a| a.id)));
    let open = move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_none()));
    let staff = RwSignal::new(Vec::<vigie_api::StaffMember>::new());
    spawn_local(async move { staff.set(api::staff().await.unwrap_or_default()) });
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let assign = move |user_id: Option<i64>| {
        spawn_local(async move {
            match api::act(id, "assign", &serde_json::json!(vigie_api::Assign { user_id })).await {
                Ok(_) => {
                    error.set(None);
                    chosen.set(String::new());
                    on_done();
                }
                Err(e) => error.set(Some(refusal(&e, lang.get_untracked()))),
            }
        });
    };
    view! {
        <Show when=open>
            <div class="action owner">
                <Show when=move || me().is_some() && owner() != me()>
                    <button class="primary" data-testid="action-take" on:click=move |_| assign(me())><Tr fr="Je la prends" en="I take it" /></button>
                </Show>
                <label for="assign-to"><Tr fr="Confier à" en="Assign to" /></label>
                <select id="assign-to" data-testid="assign-to" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" selected=move || chosen.with(String::is_empty)><Tr fr="— choisir —" en="— choose —" /></option>
                    <option value="none"><Tr fr="Personne" en="Nobody" /></option>
                    {move || staff.get().into_iter().map(|m| view! { <option value=m.id.to_string()>{m.display_name}</option> }).collect_view()}
                </select>
                <button data-testid="action-assign" disabled=move || chosen.with(String::is_empty)
                    on:click=move |_| { let c = chosen.get_untracked(); assign(c.parse().ok()) }>
                    <Tr fr="Confier" en="Assign" />
                </button>
                <p class="error" role="alert" data-testid="error-assign">{move || error.get()}</p>
            </div>
        </Show>
    }
}

/// Whether the incident's state allows an action: what is done is not offered again, and
/// once it is closed only a data loss found afterwards and its GDPR notice are left (that
/// promise runs until the notice is sent). The server refuses the rest anyway.
pub fn allows(incident: &IncidentView, action: &str) -> bool {
    let open = incident.resolved_at.is_none();
    match action {
        "data-loss" => incident.data_loss_known_at.is_none(),
        "gdpr-notice" => incident.data_loss_known_at.is_some() && incident.gdpr_notice_sent_at.is_none(),
        _ if incident.closed_at.is_some() => false,
        "acknowledge" => open && incident.acknowledged_at.is_none(),
        "dispatch" => open && incident.dispatched_at.is_none() && incident.on_site_at.is_none(),
        "on-site" | "plan-intervention" => open && incident.on_site_at.is_none(),
        "on-site-needed" | "updates" => open,
        "resolve" => open,
        "close" => !open,
        _ => true,
    }
}

/// A refusal in words for the person who acted: the server's reason, after what kind of
/// refusal it is.
fn refusal(e: &api::ApiError, lang: Lang) -> String {
    let lead = match e.status {
        0 => {
            return t(
                lang,
                "Réseau indisponible : rien n'a été enregistré, réessayez.",
                "Network unavailable: nothing was recorded, try again.",
            )
            .into()
        }
        400 | 422 => t(lang, "À corriger", "To correct"),
        403 => t(lang, "Action réservée", "Not allowed"),
        409 => t(lang, "Pas possible maintenant", "Not possible now"),
        _ => t(lang, "Refusé", "Refused"),
    };
    format!("{lead} : {}", e.message)
}

/// How a field is typed, and how its text becomes JSON.
enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    Area,
    /// A date and time in the site's time zone, sent as RFC 3339.
    When,
    /// A whole number.
    Number,
    /// Items separated by commas, sent as a list.
    List,
    /// One of a few values: (value, French, English).
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// Yes or no.
    Check,
}

/// A field of an action's form: its JSON name, its label, how it is typed, whether it must
/// be filled before the form can be sent.
struct Field(&'static str, &'static str, &'static str, Input, bool);

/// An action that needs more than a click: its path under the incident, its button and its
/// fields.
struct Form {
    action: &'static str,
    fr: &'static str,
    en: &'static str,
    fields: &'static [Field],
}

const YES_NO: &[(&str, &str, &str)] = &[("true", "Nécessaire", "Needed"), ("false", "Pas nécessaire", "Not needed")];
const PRIORITIES: &[(&str, &str, &str)] = &[
    ("P1", "P1 — Critique", "P1 — Critical"),
    ("P2", "P2 — Majeur", "P2 — Major"),
    ("P3", "P3 — Mineur", "P3 — Minor"),
];

/// Every form of the staff's actions, in the order of an incident's life.
const FORMS: &[Form] = &[
    Form {
        action: "on-site-needed",
        fr: "Enregistrer",
        en: "Save",
        fields: &[
            Field("needed", "Intervention sur site", "On-site intervention", Input::Choice(YES_NO), true),
            Field("reason", "Motif", "Reason", Input::Text, true),
        ],
    },
    Form {
        action: "plan-intervention",
        fr: "Planifier",
        en: "Plan",
        fields: &[
            Field(
                "planned_for",
                "Intervention planifiée le (heure du site)",
                "Intervention planned for (site time)",
                Input::When,
                true,
            ),
            Field("reason", "Motif si après l'échéance", "Reason if after the deadline", Input::Text, false),
        ],
    },
    Form {
        action: "updates",
        fr: "Envoyer",
        en: "Send",
        fields: &[Field("message", "Point client", "Client update", Input::Area, true)],
    },
    Form {
        action: "reclassify",
        fr: "Reclasser",
        en: "Reclassify",
        fields: &[
            Field("priority", "Nouvelle priorité", "New priority", Input::Choice(PRIORITIES), true),
            Field("reason", "Motif", "Reason", Input::Text, true),
        ],
    },
    Form {
        action: "type",
        fr: "Corriger le type",
        en: "Correct the type",
        fields: &[
            Field(
                "system",
                "Type d'incident : système",
                "Incident type: system",
                Input::Choice(crate::wording::SYSTEMS),
                true,
            ),
            Field("symptom", "symptôme", "symptom", Input::Choice(crate::wording::SYMPTOMS), true),
            Field("reason", "Motif", "Reason", Input::Text, true),
        ],
    },
    Form {
        action: "data-loss",
        fr: "Constater la perte",
        en: "Record the loss",
        fields: &[
            Field("description", "Perte de données (ce qui est perdu)", "Data loss (what is lost)", Input::Area, true),
            Field(
                "known_at",
                "Connue depuis (heure du site ; vide : maintenant)",
                "Known since (site time; empty: now)",
                Input::When,
                false,
            ),
        ],
    },
    Form {
        action: "gdpr-notice",
        fr: "Envoyer l'information RGPD",
        en: "Send the GDPR notice",
        fields: &[
            Field("nature", "RGPD — nature de la violation", "GDPR — nature of the breach", Input::Text, true),
            Field(
                "data_categories",
                "Catégories de données (séparées par des virgules)",
                "Data categories (comma-separated)",
                Input::List,
                true,
            ),
            Field(
                "people_estimate",
                "Personnes concernées (nombre approximatif)",
                "People concerned (approximate number)",
                Input::Number,
                true,
            ),
            Field(
                "records_estimate",
                "Enregistrements concernés (nombre approximatif)",
                "Records concerned (approximate number)",
                Input::Number,
                true,
            ),
            Field("consequences", "Conséquences probables", "Likely consequences", Input::Text, true),
            Field("measures", "Mesures prises ou proposées", "Measures taken or proposed", Input::Text, true),
            Field("contact", "Contact", "Contact", Input::Text, true),
        ],
    },
    Form {
        action: "resolve",
        fr: "Résoudre",
        en: "Resolve",
        fields: &[
            Field("root_cause", "Cause racine", "Root cause", Input::Area, true),
            Field("actions", "Actions réalisées", "Actions taken", Input::Area, true),
            Field(
                "security_data_impact",
                "Impact sur les données de sécurité (images perdues, accès non tracés)",
                "Impact on security data (video lost, accesses not logged)",
                Input::Area,
                true,
            ),
            Field(
                "personal_data_lost",
                "Des données personnelles ont été perdues (RGPD)",
                "Personal data was lost (GDPR)",
                Input::Check,
                false,
            ),
        ],
    },
];

/// What became of an action sent: nothing yet, done, or the server's refusal.
pub type Outcome = RwSignal<Option<Result<(), api::ApiError>>>;

/// One action's form, by its path under the incident (`reclassify`, `data-loss`…). Its
/// button waits for the required fields; what it sends is read from the fields as
/// [`Input`] says and handed to `run` with the outcome to set. A date that is no time in
/// the site's zone is refused here, under its field, with why; a refusal of the server
/// that names a field of the form is said under that field, any other at the foot.
#[component]
pub fn ActionForm(
    action: &'static str,
    run: Callback<(&'static str, serde_json::Value, Outcome)>,
    time_zone: Signal<chrono_tz::Tz>,
    incident: Signal<Option<IncidentView>>,
) -> impl IntoView {
    let Some(form) = FORMS.iter().find(|f| f.action == action) else {
        return ().into_any();
    };
    let lang = use_lang();
    // A choice starts at the incident's current value (its priority, its type), else the
    // first option; every other field empty.
    let initial = move |name: &str, input: &Input| -> String {
        let current = incident.with_untracked(|i| i.as_ref().map(|i| current_value(i, name))).flatten();
        match input {
            Input::Choice(options) => current
                .filter(|c| options.iter().any(|(code, ..)| code == c))
                .unwrap_or_else(|| options[0].0.to_string()),
            _ => String::new(),
        }
    };
    let values: Vec<RwSignal<String>> =
        form.fields.iter().map(|Field(name, _, _, input, _)| RwSignal::new(initial(name, input))).collect();
    let values = StoredValue::new(values);
    let outcome: Outcome = RwSignal::new(None);
    // The refusal: the form's field it is about, if it names one, and what to say.
    let error = RwSignal::new(None::<(Option<&'static str>, String)>);
    // Done: the form is cleared for the next time, its choices back at the current values.
    Effect::new(move |_| match outcome.get() {
        Some(Ok(())) => {
            error.set(None);
            values.with_value(|v| {
                form.fields
                    .iter()
                    .zip(v)
                    .for_each(|(Field(name, _, _, input, _), value)| value.set(initial(name, input)))
            });
        }
        Some(Err(e)) => {
            let l = lang.get_untracked();
            let field = form.fields.iter().map(|f| f.0).find(|name| e.field.as_deref() == Some(*name));
            error.set(Some(match field {
                // The server's message starts with the field, which the page shows it beside.
                Some(name) => {
                    let said = e.message.strip_prefix(&format!("{name}: ")).unwrap_or(&e.message);
                    (Some(name), format!("{} : {said}", t(l, "À corriger", "To correct")))
                }
                None => (None, refusal(&e, l)),
            }))
        }
        None => error.set(None),
    });
    let incomplete = move || {
        values.with_value(|v| form.fields.iter().zip(v).any(|(f, value)| f.4 && value.with(|s| s.trim().is_empty())))
    };
    let send = move |_| {
        let mut body = serde_json::Map::new();
        for (Field(name, _, _, input, _), value) in form.fields.iter().zip(values.get_value()) {
            let text = value.get_untracked();
            let text = text.trim();
            let json = match input {
                Input::Check => serde_json::Value::Bool(text == "true"),
                _ if text.is_empty() => continue,
                Input::When => match site_instant(text, time_zone.get_untracked()) {
                    Some(instant) => serde_json::Value::String(instant),
                    None => {
                        let said = t(
                            lang.get_untracked(),
                            "Date et heure attendues, à l'heure du site.",
                            "A date and time are expected, in the site's time.",
                        );
                        return error.set(Some((Some(*name), said.into())));
                    }
                },
                // Not a number: sent as it is, for the server to name the field.
                Input::Number => {
                    text.parse::<u64>().map_or_else(|_| serde_json::Value::String(text.into()), serde_json::Value::from)
                }
                Input::List => text.split(',').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().into(),
                // Compared by value: a `const` has no one address to compare.
                Input::Choice(options) if *options == YES_NO => serde_json::Value::Bool(text == "true"),
                Input::Text | Input::Area | Input::Choice(_) => serde_json::Value::String(text.into()),
            };
            body.insert((*name).into(), json);
        }
        error.set(None);
        run.run((form.action, serde_json::Value::Object(body), outcome));
    };
    view! {
        <fieldset class="field" data-testid=format!("form-{}", form.action)>
            {form.fields.iter().zip(values.get_value()).map(|(Field(name, fr, en, input, _), value)| {
                let id = format!("{}-{}", form.action, name.replace('_', "-"));
                let error_id = format!("{id}-error");
                let name: &'static str = name;
                let message = move || error.with(|e| e.as_ref().filter(|(f, _)| *f == Some(name)).map(|(_, m)| m.clone()));
                let invalid = move || message().is_some().then_some("true");
                let described = move || message().is_some().then(|| format!("{}-{}-error", form.action, name.replace('_', "-")));
                // Typing in the field takes its refusal as answered.
                let on_input = move |ev| {
                    value.set(event_target_value(&ev));
                    if message().is_some() {
                        error.set(None);
                    }
                };
                let control = match input {
                    Input::Area => view! { <textarea id=id.clone() data-testid=id.clone() aria-invalid=invalid aria-describedby=described prop:value=move || value.get() on:input=on_input></textarea> }.into_any(),
                    Input::Choice(options) => view! {
                        <select id=id.clone() data-testid=id.clone() on:change=on_input>
                            {options.iter().map(|(code, fr, en)| view! { <option value=*code selected=move || value.get() == *code>{move || t(lang.get(), fr, en)}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    Input::Check => view! {
                        <input type="checkbox" id=id.clone() data-testid=id.clone() prop:checked=move || value.with(|v| v == "true") on:change=move |ev| value.set(if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                    }.into_any(),
                    _ => {
                        let kind = match input {
                            Input::When => "datetime-local",
                            Input::Number => "number",
                            _ => "text",
                        };
                        view! { <input type=kind id=id.clone() data-testid=id.clone() aria-invalid=invalid aria-describedby=described prop:value=move || value.get() on:input=on_input /> }.into_any()
                    }
                };
                view! {
                    <label for=id.clone()><Tr fr=*fr en=*en /></label>
                    {control}
                    {move || message().map(|m| view! { <p class="error" id=error_id.clone() data-testid=format!("{id}-error") role="alert">{m}</p> })}
                }
            }).collect_view()}
            <button class="primary" data-testid=format!("action-{}", form.action) disabled=incomplete on:click=send><Tr fr=form.fr en=form.en /></button>
            <p class="error" role="alert" data-testid=format!("error-{}", form.action)>{move || error.with(|e| e.as_ref().filter(|(f, _)| f.is_none()).map(|(_, m)| m.clone()))}</p>
        </fieldset>
    }
    .into_any()
}

/// The incident's current value for a form's field, where it has one: its priority, the
/// system and symptom of its type, whether a technician must go on site.
fn current_value(incident: &IncidentView, field: &str) -> Option<String> {
    let (system, symptom) = incident.incident_type.split_once('/').unwrap_or(("", ""));
    match field {
        "priority" => Some(incident.priority.as_str().to_string()),
        "system" => Some(system.to_string()),
        "symptom" => Some(symptom.to_string()),
        "needed" => Some(incident.on_site_required.to_string()),
        _ => None,
    }
}

/// A `datetime-local` value read in the site's time zone, as RFC 3339. A local time that a
/// daylight-saving change skips is not a time; one it repeats is taken the first time.
pub fn site_instant(local: &str, time_zone: chrono_tz::Tz) -> Option<String> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").ok()?;
    time_zone.from_local_datetime(&naive).earliest().map(|t| t.to_rfc3339())
}
