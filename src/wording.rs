//! The words the pages share, in French and in English: names of priorities, clocks,
//! statuses, events, systems and symptoms, durations and local times. Every function takes
//! the interface's [`Lang`](crate::i18n::Lang).
//!
//! Hand-written tables rather than chrono's `unstable-locales` feature: short arrays
//! instead of every locale of the world in the wasm file.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use vigie_engine::Priority;

const WEEKDAYS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The French name of a priority, as the procedure says it: `Critique`, `Majeur`, `Mineur`.
pub fn priority_name(priority: Priority) -> &'static str {
    match priority {
        Priority::P1 => "Critique",
        Priority::P2 => "Majeur",
        Priority::P3 => "Mineur",
    }
}

/// What a clock promises, as the client reads it.
pub fn clock_name(kind: vigie_engine::sla::ClockKind, lang: crate::i18n::Lang) -> &'static str {
    let (fr, en) = kind.names();
    crate::i18n::t(lang, fr, en)
}

/// Where an incident stands, as people say it.
pub fn status_name(status: vigie_api::Status, lang: crate::i18n::Lang) -> &'static str {
    use vigie_api::Status::*;
    let (fr, en) = match status {
        Open => ("Ouvert", "Open"),
        Acknowledged => ("Pris en charge", "Taken in charge"),
        OnSite => ("Technicien sur site", "Technician on site"),
        Resolved => ("Résolu", "Resolved"),
        Closed => ("Clos", "Closed"),
    };
    crate::i18n::t(lang, fr, en)
}

/// What happened in an incident's timeline, by the event's kind; an unknown kind is shown
/// as it is, so that a newer server never leaves a blank line.
pub fn event_name(kind: &vigie_api::EventKind, lang: crate::i18n::Lang) -> String {
    use vigie_api::EventKind;
    let (fr, en) = match kind {
        EventKind::Reported => ("Incident signalé", "Incident reported"),
        EventKind::Acknowledged => ("Prise en charge", "Taken in charge"),
        EventKind::Dispatched => ("Technicien envoyé sur site", "Technician dispatched"),
        EventKind::OnSite => ("Technicien sur site", "Technician on site"),
        EventKind::OnSiteNeeded => ("Besoin d'intervention sur site revu", "On-site need changed"),
        EventKind::InterventionPlanned => ("Intervention planifiée", "Intervention planned"),
        EventKind::DataLoss => ("Perte de données constatée", "Data loss recorded"),
        EventKind::GdprNotice => ("Information RGPD envoyée au client", "GDPR notice sent to the client"),
        EventKind::TypeCorrected => ("Type d'incident corrigé", "Incident type corrected"),
        EventKind::ReviewUpdated => ("Revue technique mise à jour", "Technical review updated"),
        EventKind::ReviewProposal => ("Proposition d'investissement préventif", "Preventive investment proposal"),
        EventKind::ReviewClosed => ("Revue technique terminée", "Technical review closed"),
        EventKind::Update => ("Point d'avancement au client", "Client update"),
        EventKind::Reclassified => ("Priorité changée", "Priority changed"),
        EventKind::Resolved => ("Résolu", "Resolved"),
        EventKind::Closed => ("Clos", "Closed"),
        EventKind::Alert => ("Alerte SLA", "SLA alert"),
        EventKind::Confirmed => ("Résolution confirmée par le client", "Fix confirmed by the client"),
        EventKind::Reopened => ("Rouvert par le client", "Reopened by the client"),
        EventKind::Rated => ("Avis du client", "Client's opinion"),
        EventKind::RecurrenceDetected => {
            ("Incident récurrent : revue technique", "Recurrent incident: technical review")
        }
        EventKind::SupervisionAlert => ("Alerte de la supervision", "Supervision alert"),
        EventKind::SupervisionResolved => ("Fin d'alerte de la supervision", "Supervision alert resolved"),
        EventKind::NotificationDelivered => ("Notification envoyée", "Notification sent"),
        EventKind::NotificationFailed => ("Notification en échec", "Notification failed"),
        EventKind::PostmortemDraft => ("Post-mortem ouvert", "Post-mortem opened"),
        EventKind::PostmortemEdited => ("Post-mortem modifié", "Post-mortem edited"),
        EventKind::PostmortemPublished => ("Post-mortem publié", "Post-mortem published"),
        EventKind::Assigned => ("Responsable de l'incident", "Incident owner"),
        EventKind::OncallPage => ("Astreinte appelée (équipe seulement)", "On-call paged (team only)"),
        EventKind::Message => ("Message", "Message"),
        EventKind::InternalNote => ("Note interne (équipe seulement)", "Internal note (team only)"),
        EventKind::AttachmentAdded => ("Fichier joint", "File attached"),
        _ => return kind.as_str().to_string(),
    };
    crate::i18n::t(lang, fr, en).to_string()
}

/// An instant within the coming week, short enough for a wall tile: `15:42` on the same
/// local day, `lundi 08:00` / `Monday 08:00` within six days, `30/11 08:00` beyond.
pub fn short_time(t: DateTime<Utc>, now: DateTime<Utc>, tz: Tz, lang: crate::i18n::Lang) -> String {
    let (local, hour) = local_hour(t, tz);
    let days = (local.date_naive() - now.with_timezone(&tz).date_naive()).num_days();
    let weekday = local.weekday().num_days_from_monday() as usize;
    match (days, lang) {
        (0, _) => hour,
        (1..=6, crate::i18n::Lang::Fr) => format!("{} {hour}", WEEKDAYS[weekday]),
        (1..=6, crate::i18n::Lang::En) => format!("{} {hour}", WEEKDAYS_EN[weekday]),
        _ => format!("{:02}/{:02} {hour}", local.day(), local.month()),
    }
}

/// The name of a priority in the interface's language: `Critique` / `Critical`…
pub fn priority_label(priority: Priority, lang: crate::i18n::Lang) -> &'static str {
    match (priority, lang) {
        (_, crate::i18n::Lang::Fr) => priority_name(priority),
        (Priority::P1, _) => "Critical",
        (Priority::P2, _) => "Major",
        (Priority::P3, _) => "Minor",
    }
}

const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An instant as a person in `tz` reads it, relative to `now`: `15:42` on the same local
/// day, `lundi 30 novembre à 11:59` (`1er` for the first of a month) or `Monday 30 November
/// at 11:59` on any other day; the time stays the site's, on a 24-hour clock.
///
/// The time zone is the calendar's, not the browser's: a deadline is promised in the
/// client's site time, wherever the screen is.
pub fn when(t: DateTime<Utc>, now: DateTime<Utc>, tz: Tz, lang: crate::i18n::Lang) -> String {
    let (local, hour) = local_hour(t, tz);
    if local.date_naive() == now.with_timezone(&tz).date_naive() {
        return hour;
    }
    let weekday = local.weekday().num_days_from_monday() as usize;
    // `month0()` is 0..=11 by construction.
    let month = local.month0() as usize;
    match lang {
        crate::i18n::Lang::Fr => {
            let day = match local.day() {
                1 => "1er".to_string(),
                d => d.to_string(),
            };
            format!("{} {day} {} à {hour}", WEEKDAYS[weekday], MONTHS[month])
        }
        crate::i18n::Lang::En => format!("{} {} {} at {hour}", WEEKDAYS_EN[weekday], local.day(), MONTHS_EN[month]),
    }
}

/// The local time of `t` in `tz`, and its `HH:MM`.
fn local_hour(t: DateTime<Utc>, tz: Tz) -> (DateTime<Tz>, String) {
    let local = t.with_timezone(&tz);
    let hour = format!("{:02}:{:02}", local.hour(), local.minute());
    (local, hour)
}

/// A duration as the engine writes it (`1 h 05`, `2 j 3 h`), with English's `d` for days.
pub fn duration(seconds: i64, lang: crate::i18n::Lang) -> String {
    let text = vigie_engine::sla::format_duration(seconds);
    match lang {
        crate::i18n::Lang::Fr => text,
        crate::i18n::Lang::En => text.replace(" j", " d"),
    }
}

/// The systems of an incident type, as people name them.
pub const SYSTEMS: &[(&str, &str, &str)] = &[
    ("video", "Vidéo", "Video"),
    ("access_control", "Contrôle d'accès", "Access control"),
    ("hypervisor", "Hyperviseur", "Hypervisor"),
    ("intrusion_detection", "Détection d'intrusion", "Intrusion detection"),
    ("other", "Autre système", "Other system"),
];

/// The symptoms of an incident type, as people name them.
pub const SYMPTOMS: &[(&str, &str, &str)] = &[
    ("down", "hors service", "out of service"),
    ("degraded", "fonctionne mal", "works badly"),
    ("display", "affichage", "display"),
    ("slow", "lenteur", "slowness"),
    ("configuration", "réglage", "setting"),
];

/// What an incident type says when the system or the symptom was not stated.
const NOT_STATED: &[(&str, &str, &str)] = &[("unknown", "non précisé", "not stated")];

fn find(table: &[(&str, &'static str, &'static str)], key: &str, lang: crate::i18n::Lang) -> Option<&'static str> {
    table.iter().chain(NOT_STATED).find(|(k, ..)| *k == key).map(|(_, fr, en)| crate::i18n::t(lang, fr, en))
}

/// A system's code in words (`access_control` → « Contrôle d'accès »).
pub fn system_label(code: &str, lang: crate::i18n::Lang) -> String {
    find(SYSTEMS, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// A symptom's code in words (`down` → « hors service »).
pub fn symptom_label(code: &str, lang: crate::i18n::Lang) -> String {
    find(SYMPTOMS, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// A code the server records, in words: an incident type (`access_control/down` →
/// « Contrôle d'accès — hors service »), a contract, a role, a source, a holiday region; a
/// priority (`P1`) or an unknown code stays as it is.
pub fn code_label(code: &str, lang: crate::i18n::Lang) -> String {
    // Contracts, roles, where values and incidents come from, holiday regions.
    const CODES: &[(&str, &str, &str)] = &[
        ("essential", "Essentiel", "Essential"),
        ("standard", "Standard", "Standard"),
        ("premium", "Premium", "Premium"),
        ("client", "Client", "Client"),
        ("technician", "Technicien", "Technician"),
        ("supervisor", "Responsable des opérations", "Operations manager"),
        ("admin", "Administrateur", "Administrator"),
        ("procedure", "Procédure PROC-CRM-002", "Procedure PROC-CRM-002"),
        ("configuration", "Fichier de configuration", "Configuration file"),
        ("administrator", "Saisies par l'administrateur", "Set by the administrator"),
        ("client_portal", "Portail client", "Client portal"),
        ("supervision", "Supervision", "Monitoring"),
        ("phone", "Téléphone", "Phone"),
        ("FR", "France métropolitaine", "Metropolitan France"),
        ("FR-ALSACE-MOSELLE", "Alsace-Moselle", "Alsace-Moselle"),
        ("FR-GP", "Guadeloupe", "Guadeloupe"),
        ("FR-MQ", "Martinique", "Martinique"),
        ("FR-GF", "Guyane", "French Guiana"),
        ("FR-RE", "La Réunion", "Réunion"),
        ("FR-YT", "Mayotte", "Mayotte"),
        ("NONE", "Aucun jour férié", "No public holidays"),
    ];
    match code.split_once('/') {
        Some((system, symptom)) => match (find(SYSTEMS, system, lang), find(SYMPTOMS, symptom, lang)) {
            (Some(system), Some(symptom)) => format!("{system} — {symptom}"),
            _ => code.to_string(),
        },
        None => find(CODES, code, lang).map_or_else(|| code.to_string(), str::to_string),
    }
}

/// `value` to `places` decimals, with a decimal comma in French: `87,5`, `87.5`. Counted in
/// whole units of the last place, for the reason `file_size` gives.
pub fn decimal(value: f64, places: u32, lang: crate::i18n::Lang) -> String {
    let scale = 10_u64.pow(places);
    let scaled = (value.abs() * scale as f64).round() as u64;
    let sign = if value < 0.0 && scaled > 0 { "-" } else { "" };
    if places == 0 {
        return format!("{sign}{scaled}");
    }
    let comma = if lang == crate::i18n::Lang::Fr { ',' } else { '.' };
    format!("{sign}{}{comma}{:0width$}", scaled / scale, scaled % scale, width = places as usize)
}

/// A file's size for people: bytes, KB or MB to a tenth, with a decimal comma in French.
/// Counted in whole tenths: formatting a float would bring its whole machinery into the
/// app's download.
pub fn file_size(bytes: i64, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{t, Lang};
    let (unit, size) = match bytes {
        b if b < 1024 => return format!("{b} {}", t(lang, "o", "B")),
        b if b < 1024 * 1024 => (t(lang, "Ko", "KB"), 1024),
        _ => (t(lang, "Mo", "MB"), 1024 * 1024),
    };
    let tenths = (bytes * 10 + size / 2) / size;
    let comma = if lang == Lang::Fr { ',' } else { '.' };
    format!("{}{comma}{} {unit}", tenths / 10, tenths % 10)
}
