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
    let time_zone = Signal::derive(move || {
        incident.with(|i| i.as_ref().and_then(|i| i.as_ref().ok()).and_then(|i| i.time_zone.parse().ok()).unwrap_or(chrono_tz::Europe::Paris))
    });
    view! {
        <main class="page">
            {move || match incident.get() {
                None => view! { <p>{t(lang.get(), "Chargement…", "Loading…")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(i)) => view! { <IncidentDetails incident=i now /> }.into_any(),
            }}
            <Actions id=incident_id loaded time_zone on_done=load />
            <Timeline events=timeline time_zone now />
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
            .filter(|c| c.state != ClockState::NotApplicable || c.moot)
            .collect::<Vec<_>>()
    };
    view! {
        <h1>{format!("{} — {}", incident.reference, incident.priority)}</h1>
        <p data-testid="incident-status" data-status=format!("{:?}", incident.status).to_lowercase()>
            {format!("{} — {} · {}", incident.organisation_name, incident.site_name, crate::fr::status_name(incident.status, lang.get_untracked()))}
        </p>
        {incident.recurrent.then(|| view! { <p class="note">{t(lang.get_untracked(), "Incident récurrent : revue technique ouverte.", "Recurrent incident: technical review opened.")}</p> })}
        <p class="description">{incident.description.clone()}</p>
        <Facts incident=incident.clone() time_zone now />
        <ul class="clocks">
            {move || clocks().into_iter().map(|c| view! { <ClockLine clock=c time_zone now /> }).collect_view()}
        </ul>
    }
}

/// What happened on site and to the data, as the client reads it: who was sent and when,
/// when the intervention is planned, what was lost and whether the GDPR notice went.
#[component]
fn Facts(incident: IncidentView, time_zone: chrono_tz::Tz, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let when = move |at: DateTime<Utc>| crate::fr::when(at, now.get_untracked(), time_zone, lang);
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    if incident.on_site_required && incident.dispatched_at.is_none() && incident.resolved_at.is_none() {
        lines.push(("on-site-needed", t(lang, "Un technicien doit se rendre sur site.", "A technician must go on site.").to_string()));
    }
    if let Some(at) = incident.dispatched_at {
        lines.push(("dispatched", format!("{} {}", t(lang, "Technicien envoyé sur site :", "Technician dispatched:"), when(at))));
    }
    if let Some(at) = incident.intervention_planned_for.filter(|_| incident.on_site_at.is_none()) {
        let reason = incident.intervention_plan_reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        lines.push(("planned", format!("{} {}{reason}", t(lang, "Intervention prévue :", "Intervention planned:"), when(at))));
    }
    if let Some(at) = incident.on_site_at {
        lines.push(("arrived", format!("{} {}", t(lang, "Technicien arrivé sur site :", "Technician on site:"), when(at))));
    }
    if let Some(at) = incident.data_loss_known_at {
        let what = incident.data_loss_description.clone().unwrap_or_default();
        lines.push(("data-loss", format!("{} {} — {what}", t(lang, "Perte de données constatée :", "Data loss known:"), when(at))));
        let notice = match incident.gdpr_notice_sent_at {
            Some(sent) => format!("{} {}", t(lang, "Information RGPD envoyée :", "GDPR notice sent:"), when(sent)),
            None => t(lang, "Information RGPD à envoyer (voir l'échéance ci-dessous).", "GDPR notice to send (see its deadline below).").to_string(),
        };
        lines.push(("gdpr", notice));
    }
    view! {
        <ul class="facts" data-testid="facts">
            {lines.into_iter().map(|(fact, text)| view! { <li data-fact=fact>{text}</li> }).collect_view()}
        </ul>
    }
}

#[component]
fn ClockLine(clock: Clock, time_zone: chrono_tz::Tz, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let state = match clock.state {
        ClockState::NotApplicable => "moot",
        ClockState::Met => "met",
        ClockState::Breached => "breached",
        ClockState::AtRisk => "at-risk",
        _ if clock.paused => "paused",
        _ => "ok",
    };
    let left = clock.left_seconds.map(sla::format_duration).unwrap_or_default();
    let due = clock.due.map(|d| d.to_rfc3339()).unwrap_or_default();
    let said = match state {
        "moot" => t(lang, "sans objet (résolu avant l'échéance)", "not needed (resolved before the deadline)"),
        "met" if clock.late_by_seconds.unwrap_or(0) > 0 => t(lang, "tenu en retard de", "met late by"),
        "met" => t(lang, "tenu", "met"),
        "breached" => t(lang, "dépassé de", "breached by"),
        "at-risk" => t(lang, "à risque, reste", "at risk,"),
        "paused" => t(lang, "en pause (hors heures ouvrées), reste", "paused (outside business hours),"),
        _ => t(lang, "reste", ""),
    };
    let left = match state {
        "met" => clock.late_by_seconds.filter(|l| *l > 0).map(sla::format_duration).unwrap_or_default(),
        "moot" => String::new(),
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
                <li data-kind=e.kind.clone()>{format!("{} — {}{}", crate::fr::local_time(e.at, now.get_untracked(), time_zone.get()), crate::fr::event_name(&e.kind, lang.get()), detail(&e.data))}</li>
            }).collect_view()}
        </ol>
    }
}

/// What an event says in words of its own: a reason, a message, a description, a note.
fn detail(data: &serde_json::Value) -> String {
    ["reason", "message", "description", "note"]
        .iter()
        .find_map(|k| data[*k].as_str().filter(|v| !v.is_empty()))
        .map(|v| format!(" : {v}"))
        .unwrap_or_default()
}

#[component]
fn Actions(id: i64, loaded: Memo<bool>, time_zone: Signal<chrono_tz::Tz>, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
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
                <button data-testid="action-dispatch" on:click=move |_| run("dispatch", serde_json::json!({}))><Tr fr="Technicien envoyé" en="Technician dispatched" /></button>
                <button data-testid="action-on-site" on:click=move |_| run("on-site", serde_json::json!({}))><Tr fr="Arrivé sur site" en="On site" /></button>
                <OnSiteNeededForm run />
                <PlanForm run time_zone />
                <div class="field">
                    <label for="update-message"><Tr fr="Point client" en="Client update" /></label>
                    <textarea id="update-message" prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    <button data-testid="action-update" on:click=move |_| run("updates", serde_json::json!({ "message": message.get_untracked() }))><Tr fr="Envoyer" en="Send" /></button>
                </div>
                <ReclassifyForm run />
                <TypeForm run />
                <DataLossForm run />
                <GdprForm run />
                <ResolveForm run />
                <button data-testid="action-close" on:click=move |_| run("close", serde_json::json!({}))><Tr fr="Clore" en="Close" /></button>
                <p class="error" role="alert">{move || error.get()}</p>
            </section>
        </Show>
    }
}

/// Whether a technician must go on site, as decided during the take-charge call.
#[component]
fn OnSiteNeededForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let send = move |needed: bool| run("on-site-needed", serde_json::json!({ "needed": needed, "reason": reason.get_untracked() }));
    view! {
        <div class="field">
            <label for="on-site-reason"><Tr fr="Intervention sur site : motif" en="On-site intervention: reason" /></label>
            <input id="on-site-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <button data-testid="action-on-site-needed" disabled=move || reason.with(|r| r.trim().is_empty()) on:click=move |_| send(true)>
                <Tr fr="Nécessaire" en="Needed" />
            </button>
            <button data-testid="action-on-site-not-needed" disabled=move || reason.with(|r| r.trim().is_empty()) on:click=move |_| send(false)>
                <Tr fr="Pas nécessaire" en="Not needed" />
            </button>
        </div>
    }
}

/// The date of a P3 intervention, typed in the site's local time.
#[component]
fn PlanForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static, time_zone: Signal<chrono_tz::Tz>) -> impl IntoView {
    let lang = use_lang();
    let local = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let plan = move |_| {
        let Some(planned_for) = site_instant(&local.get_untracked(), time_zone.get_untracked()) else {
            return error.set(Some(t(lang.get_untracked(), "Date et heure attendues, à l'heure du site.", "A date and time are expected, in the site's time.")));
        };
        error.set(None);
        let reason = reason.get_untracked();
        let reason = (!reason.trim().is_empty()).then_some(reason);
        run("plan-intervention", serde_json::json!({ "planned_for": planned_for, "reason": reason }));
    };
    view! {
        <div class="field">
            <label for="plan-date"><Tr fr="Intervention planifiée le (heure du site)" en="Intervention planned for (site time)" /></label>
            <input id="plan-date" type="datetime-local" data-testid="plan-date" prop:value=move || local.get() on:input=move |ev| local.set(event_target_value(&ev)) />
            <label for="plan-reason"><Tr fr="Motif si après l'échéance" en="Reason if after the deadline" /></label>
            <input id="plan-reason" data-testid="plan-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <button data-testid="action-plan" on:click=plan><Tr fr="Planifier" en="Plan" /></button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// A `datetime-local` value read in the site's time zone, as RFC 3339. A local time that a
/// daylight-saving change skips is not a time; one it repeats is taken the first time.
pub fn site_instant(local: &str, time_zone: chrono_tz::Tz) -> Option<String> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").ok()?;
    time_zone.from_local_datetime(&naive).earliest().map(|t| t.to_rfc3339())
}

/// The incident's type corrected (system and symptom), with the reason.
#[component]
fn TypeForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static) -> impl IntoView {
    let system = RwSignal::new("video".to_string());
    let symptom = RwSignal::new("down".to_string());
    let reason = RwSignal::new(String::new());
    const SYSTEMS: [(&str, &str, &str); 5] = [
        ("video", "Vidéoprotection", "Video"),
        ("access_control", "Contrôle d'accès", "Access control"),
        ("hypervisor", "Hyperviseur", "Hypervisor"),
        ("intrusion_detection", "Détection d'intrusion", "Intrusion detection"),
        ("other", "Autre", "Other"),
    ];
    const SYMPTOMS: [(&str, &str, &str); 5] = [
        ("down", "Hors service", "Down"),
        ("degraded", "Dégradé", "Degraded"),
        ("display", "Affichage", "Display"),
        ("slow", "Lenteur", "Slow"),
        ("configuration", "Paramétrage", "Configuration"),
    ];
    let lang = use_lang();
    let options = move |list: &'static [(&'static str, &'static str, &'static str)]| {
        list.iter().map(|(code, fr, en)| view! { <option value=*code>{t(lang.get_untracked(), fr, en)}</option> }).collect_view()
    };
    view! {
        <div class="field">
            <label for="type-system"><Tr fr="Type d'incident : système" en="Incident type: system" /></label>
            <select id="type-system" on:change=move |ev| system.set(event_target_value(&ev))>{options(&SYSTEMS)}</select>
            <label for="type-symptom"><Tr fr="symptôme" en="symptom" /></label>
            <select id="type-symptom" on:change=move |ev| symptom.set(event_target_value(&ev))>{options(&SYMPTOMS)}</select>
            <label for="type-reason"><Tr fr="Motif" en="Reason" /></label>
            <input id="type-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <button data-testid="action-type" disabled=move || reason.with(|r| r.trim().is_empty())
                on:click=move |_| run("type", serde_json::json!({ "system": system.get_untracked(), "symptom": symptom.get_untracked(), "reason": reason.get_untracked() }))>
                <Tr fr="Corriger le type" en="Correct the type" />
            </button>
        </div>
    }
}

/// Data was or may have been lost: the GDPR clock starts.
#[component]
fn DataLossForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static) -> impl IntoView {
    let description = RwSignal::new(String::new());
    view! {
        <div class="field">
            <label for="data-loss"><Tr fr="Perte de données (ce qui est perdu)" en="Data loss (what is lost)" /></label>
            <textarea id="data-loss" data-testid="data-loss" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            <button data-testid="action-data-loss" disabled=move || description.with(|d| d.trim().is_empty())
                on:click=move |_| run("data-loss", serde_json::json!({ "description": description.get_untracked() }))>
                <Tr fr="Constater la perte" en="Record the loss" />
            </button>
        </div>
    }
}

/// The GDPR notice, with what art. 33(3) asks a processor to give its controller.
#[component]
fn GdprForm(run: impl Fn(&'static str, serde_json::Value) + Copy + 'static) -> impl IntoView {
    let fields: [(&'static str, &'static str, &'static str, RwSignal<String>); 7] = [
        ("nature", "Nature de la violation", "Nature of the breach", RwSignal::new(String::new())),
        ("data_categories", "Catégories de données (séparées par des virgules)", "Data categories (comma-separated)", RwSignal::new("images vidéo".to_string())),
        ("people_estimate", "Personnes concernées (nombre approximatif)", "People concerned (approximate number)", RwSignal::new(String::new())),
        ("records_estimate", "Enregistrements concernés (nombre approximatif)", "Records concerned (approximate number)", RwSignal::new(String::new())),
        ("consequences", "Conséquences probables", "Likely consequences", RwSignal::new(String::new())),
        ("measures", "Mesures prises ou proposées", "Measures taken or proposed", RwSignal::new(String::new())),
        ("contact", "Contact", "Contact", RwSignal::new(String::new())),
    ];
    let send = move |_| {
        let value = |i: usize| fields[i].3.get_untracked();
        let number = |i: usize| value(i).trim().parse::<u64>().ok();
        let categories: Vec<String> = value(1).split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
        run(
            "gdpr-notice",
            serde_json::json!({
                "nature": value(0), "data_categories": categories, "people_estimate": number(2), "records_estimate": number(3),
                "consequences": value(4), "measures": value(5), "contact": value(6),
            }),
        );
    };
    view! {
        <fieldset class="field">
            <legend><Tr fr="Information RGPD au client" en="GDPR notice to the client" /></legend>
            {fields.into_iter().map(|(name, fr, en, value)| {
                let id = format!("gdpr-{name}");
                view! {
                    <label for=id.clone()><Tr fr=fr en=en /></label>
                    <input id=id.clone() data-testid=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                }
            }).collect_view()}
            <button data-testid="action-gdpr-notice" on:click=send><Tr fr="Envoyer l'information RGPD" en="Send the GDPR notice" /></button>
        </fieldset>
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
