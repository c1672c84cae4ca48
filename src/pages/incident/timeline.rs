//! The timeline: one line per event, with what it says beyond its name.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use vigie_api::{EventKind, EventView};
use vigie_engine::sla;

use crate::i18n::{t, use_lang, Lang};

#[component]
pub(super) fn Timeline(
    events: RwSignal<Vec<EventView>>,
    time_zone: Signal<chrono_tz::Tz>,
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="timeline" data-testid="timeline">
            {move || events.get().into_iter().map(|e| view! {
                <li data-kind=e.kind.as_str().to_string()>{format!(
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
    kind: &EventKind,
    data: &serde_json::Value,
    time_zone: chrono_tz::Tz,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let text = |k: &str| data[k].as_str().filter(|v| !v.is_empty()).map(str::to_string);
    let own = ["reason", "message", "text", "description", "note", "findings", "error"].iter().find_map(|k| text(k));
    let mut parts: Vec<String> = Vec::new();
    match kind {
        EventKind::Reclassified | EventKind::TypeCorrected => {
            if let (Some(from), Some(to)) = (text("from"), text("to")) {
                parts.push(format!(
                    "{} → {}",
                    crate::wording::code_label(&from, lang),
                    crate::wording::code_label(&to, lang)
                ));
            }
        }
        EventKind::NotificationDelivered | EventKind::NotificationFailed => {
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
        EventKind::Alert => {
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
        EventKind::Rated => {
            let score = data["score"].as_u64().unwrap_or_default();
            parts.push(format!("{score}/5"));
            parts.extend(text("comment"));
        }
        EventKind::Closed if data["automatic"] == true => {
            parts.push(t(lang, "sans réponse du client dans le délai", "no answer from the client in time").to_string())
        }
        EventKind::OncallPage => parts.push(match text("to") {
            Some(to) => format!("{to} {}", t(lang, "par SMS et e-mail", "by SMS and email")),
            None => t(
                lang,
                "personne de service : le responsable d'exploitation est prévenu",
                "nobody on duty: the operations manager is told",
            )
            .to_string(),
        }),
        EventKind::Assigned if data["oncall"] == true => parts.push(match text("to") {
            Some(to) => format!("{} {to}, {}", t(lang, "confié à", "assigned to"), t(lang, "d'astreinte", "on call")),
            None => t(lang, "plus personne", "nobody now").to_string(),
        }),
        EventKind::Assigned => parts.push(match text("to") {
            Some(to) => format!("{} {to}", t(lang, "confié à", "assigned to")),
            None => t(lang, "plus personne", "nobody now").to_string(),
        }),
        EventKind::InterventionPlanned => {
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
