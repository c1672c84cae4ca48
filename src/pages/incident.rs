//! One incident (`/incidents/{id}`): its clocks counting down, its timeline, and for staff
//! the actions of its life. Changes made elsewhere appear without reloading.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{EventView, IncidentView};
use vigie_engine::sla::{self, Clock, ClockState};
use vigie_engine::Calendar;

use crate::i18n::{t, use_lang, Tr};
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
    let loaded = Memo::new(move |_| incident.with(|i| matches!(i, Some(Ok(_)))));
    view! {
        <main class="page">
            {move || match incident.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(i)) => view! { <IncidentDetails incident=i now /> }.into_any(),
            }}
            <Actions id=incident_id loaded on_done=load />
            <Timeline events=timeline time_zone=Signal::derive(move || incident.with(|i| i.as_ref().and_then(|i| i.as_ref().ok()).and_then(|i| i.time_zone.parse().ok()).unwrap_or(chrono_tz::Europe::Paris))) now />
        </main>
    }
}

#[component]
fn IncidentDetails(incident: IncidentView, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang();
    let calendar = Calendar::try_from(incident.calendar.clone()).ok();
    let time_zone = calendar.as_ref().map_or(chrono_tz::Europe::Paris, Calendar::time_zone);
    let times = incident.times();
    let policy = incident.policy;
    let clocks = move || {
        calendar
            .as_ref()
            .and_then(|c| sla::clocks(&times, &policy, c, now.get()).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.state != ClockState::NotApplicable)
            .collect::<Vec<_>>()
    };
    view! {
        <h1>{format!("{} — {}", incident.reference, incident.priority)}</h1>
        <p data-testid="incident-status" data-status=format!("{:?}", incident.status).to_lowercase()>
            {format!("{} — {} · {}", incident.organisation_name, incident.site_name, crate::fr::status_name(incident.status, lang.get_untracked()))}
        </p>
        {incident.recurrent.then(|| view! { <p class="note">{t(lang.get_untracked(), "Incident récurrent : revue technique ouverte.", "Recurrent incident: technical review opened.")}</p> })}
        {incident.resolution.as_ref().filter(|r| r.personal_data_lost).map(|_| view! { <p class="note">{t(lang.get_untracked(), "Perte de données personnelles : notification RGPD.", "Personal data lost: GDPR notice.")}</p> })}
        <p class="description">{incident.description.clone()}</p>
        <ul class="clocks">
            {move || clocks().into_iter().map(|c| view! { <ClockLine clock=c time_zone now /> }).collect_view()}
        </ul>
    }
}

#[component]
fn ClockLine(clock: Clock, time_zone: chrono_tz::Tz, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let state = match clock.state {
        ClockState::Met => "met",
        ClockState::Breached => "breached",
        ClockState::AtRisk => "at-risk",
        _ if clock.paused => "paused",
        _ => "ok",
    };
    let left = clock.left_seconds.map(sla::format_duration).unwrap_or_default();
    let due = clock.due.map(|d| d.to_rfc3339()).unwrap_or_default();
    let said = match state {
        "met" => t(lang, "tenu", "met"),
        "breached" => t(lang, "dépassé de", "breached by"),
        "at-risk" => t(lang, "à risque, reste", "at risk,"),
        "paused" => t(lang, "en pause (hors heures ouvrées), reste", "paused (outside business hours),"),
        _ => t(lang, "reste", ""),
    };
    let left = match state {
        "met" => String::new(),
        "breached" => clock.late_by_seconds.map(sla::format_duration).unwrap_or_default(),
        _ => left,
    };
    let resumes = clock.resumes_at.filter(|_| clock.paused).map(|r| format!(" — {} {}", t(lang, "reprend", "resumes"), crate::fr::local_time(r, now.get_untracked(), time_zone)));
    view! {
        <li class=format!("clock clock-{state}") data-testid="countdown" data-state=state data-deadline=due>
            {format!("{} : {said} {left}{}", crate::fr::clock_name(clock.kind, lang), resumes.unwrap_or_default())}
        </li>
    }
}

#[component]
fn Timeline(events: RwSignal<Vec<EventView>>, time_zone: Signal<chrono_tz::Tz>, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="timeline" data-testid="timeline">
            {move || events.get().into_iter().map(|e| view! {
                <li data-kind=e.kind.clone()>{format!("{} — {}", crate::fr::local_time(e.at, now.get_untracked(), time_zone.get()), crate::fr::event_name(&e.kind, lang.get()))}</li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Actions(id: i64, loaded: Memo<bool>, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let session = expect_context::<Session>();
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(String::new());
    let run = move |action: &'static str, body: serde_json::Value| {
        spawn_local(async move {
            match api::act(id, action, &body).await {
                Ok(_) => {
                    error.set(None);
                    on_done();
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let staff = move || loaded.get() && session.user.get().is_some_and(|u| u.is_staff());
    view! {
        <Show when=staff>
            <section class="panel actions">
                <h2><Tr fr="Actions" en="Actions" /></h2>
                <button data-testid="action-acknowledge" on:click=move |_| run("acknowledge", serde_json::json!({}))><Tr fr="Prise en charge" en="Take charge" /></button>
                <button data-testid="action-on-site" on:click=move |_| run("on-site", serde_json::json!({}))><Tr fr="Sur site" en="On site" /></button>
                <div class="field">
                    <label for="update-message"><Tr fr="Point client" en="Client update" /></label>
                    <textarea id="update-message" prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    <button data-testid="action-update" on:click=move |_| run("updates", serde_json::json!({ "message": message.get_untracked() }))><Tr fr="Envoyer" en="Send" /></button>
                </div>
                <ReclassifyForm run />
                <ResolveForm run />
                <button data-testid="action-close" on:click=move |_| run("close", serde_json::json!({}))><Tr fr="Clore" en="Close" /></button>
                <p class="error" role="alert">{move || error.get()}</p>
            </section>
        </Show>
    }
}

/// A new priority, with the reason the procedure asks for.
#[component]
fn ReclassifyForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static) -> impl IntoView {
    let priority = RwSignal::new("P2".to_string());
    let reason = RwSignal::new(String::new());
    view! {
        <div class="field">
            <label for="reclassify-priority"><Tr fr="Nouvelle priorité" en="New priority" /></label>
            <select id="reclassify-priority" on:change=move |ev| priority.set(event_target_value(&ev))>
                <option value="P1">"P1"</option>
                <option value="P2" selected>"P2"</option>
                <option value="P3">"P3"</option>
            </select>
            <label for="reclassify-reason"><Tr fr="Motif" en="Reason" /></label>
            <input id="reclassify-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <button data-testid="action-reclassify" disabled=move || reason.with(|r| r.trim().is_empty())
                on:click=move |_| run("reclassify", serde_json::json!({ "priority": priority.get_untracked(), "reason": reason.get_untracked() }))>
                <Tr fr="Reclasser" en="Reclassify" />
            </button>
        </div>
    }
}

/// The resolution, with every field the resolution notice must carry.
#[component]
fn ResolveForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static) -> impl IntoView {
    let root_cause = RwSignal::new(String::new());
    let actions = RwSignal::new(String::new());
    let impact = RwSignal::new(String::new());
    let personal = RwSignal::new(false);
    let incomplete = move || [root_cause, actions, impact].iter().any(|f| f.with(|v| v.trim().is_empty()));
    let area = move |id: &'static str, label: (&'static str, &'static str), value: RwSignal<String>| {
        view! {
            <label for=id><Tr fr=label.0 en=label.1 /></label>
            <textarea id=id data-testid=id required prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
    };
    view! {
        <div class="field">
            {area("resolve-root-cause", ("Cause racine", "Root cause"), root_cause)}
            {area("resolve-actions", ("Actions réalisées", "Actions taken"), actions)}
            {area("resolve-impact", ("Impact sur les données de sécurité (images perdues, accès non tracés)", "Impact on security data (video lost, accesses not logged)"), impact)}
            <label class="check">
                <input type="checkbox" data-testid="resolve-personal-data" on:change=move |ev| personal.set(event_target_checked(&ev)) />
                <Tr fr="Des données personnelles ont été perdues (RGPD)" en="Personal data was lost (GDPR)" />
            </label>
            <button data-testid="action-resolve" disabled=incomplete
                on:click=move |_| run("resolve", serde_json::json!({
                    "root_cause": root_cause.get_untracked(), "actions": actions.get_untracked(),
                    "security_data_impact": impact.get_untracked(), "personal_data_lost": personal.get_untracked(),
                }))>
                <Tr fr="Résoudre" en="Resolve" />
            </button>
        </div>
    }
}
