//! What happened on site and to the data, and one line per clock.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use vigie_api::IncidentView;
use vigie_engine::sla::Clock;

use crate::countdown::Shown;
use crate::i18n::{t, use_lang};

/// What happened on site and to the data, as the client reads it: who was sent and when,
/// when the intervention is planned, what was lost and whether the GDPR notice went.
#[component]
pub(super) fn Facts(
    incident: IncidentView,
    time_zone: chrono_tz::Tz,
    now: Signal<DateTime<Utc>>,
    staff: bool,
) -> impl IntoView {
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
pub(super) fn ClockLine(clock: Clock, time_zone: chrono_tz::Tz, now: Signal<DateTime<Utc>>) -> impl IntoView {
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
