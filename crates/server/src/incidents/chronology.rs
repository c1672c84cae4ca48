//! The incident's chronology in French, one line per event, as the post-mortem drafts it.

use vigie_api::EventKind;

/// A notice's channel as the French chronology says it.
pub(super) fn channel_fr(channel: &str) -> &'static str {
    match channel {
        "sms" => "par SMS",
        "email" => "par e-mail",
        _ => "",
    }
}

/// One line of a timeline, in French, from an event.
pub fn describe_event(kind: &EventKind, data: &str) -> String {
    let data: serde_json::Value = serde_json::from_str(data).unwrap_or_default();
    let s = |k: &str| data.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    match kind {
        EventKind::Reported => {
            let source = match s("source").as_str() {
                "client_portal" => "portail client",
                "supervision" => "supervision",
                "phone" => "téléphone",
                _ => "source inconnue",
            };
            format!("Incident signalé ({source}), priorité {}", s("priority"))
        }
        EventKind::Acknowledged => "Prise en charge : un technicien a appelé le client".to_string(),
        EventKind::OnSite => "Technicien sur site".to_string(),
        EventKind::Update => format!("Point d'avancement envoyé au client : {}", s("message")),
        EventKind::Reclassified => format!("Priorité passée de {} à {} : {}", s("from"), s("to"), s("reason")),
        EventKind::Resolved => format!("Résolu. Cause : {}. Actions : {}", s("root_cause"), s("actions")),
        EventKind::Closed if data["automatic"] == true => {
            "Incident clos sans réponse du client dans le délai".to_string()
        }
        EventKind::Closed => "Incident clos".to_string(),
        EventKind::Confirmed => "Résolution confirmée par le client ; incident clos".to_string(),
        EventKind::Reopened => format!("Rouvert par le client : {}", s("reason")),
        EventKind::Rated => format!("Avis du client : {}/5", data["score"]),
        EventKind::Alert => {
            let clock = serde_json::from_value::<vigie_engine::sla::ClockKind>(data["clock"].clone())
                .map_or_else(|_| s("clock"), |k| k.names().0.to_string());
            match s("level").as_str() {
                "breached" => format!("Alerte SLA : {clock} dépassé"),
                "escalated" if !s("to").is_empty() => {
                    format!("Escalade : {clock} toujours dépassé, {} prévenu", s("to"))
                }
                "escalated" => format!("Escalade : {clock} toujours dépassé"),
                _ => format!("Alerte SLA : {clock} à risque"),
            }
        }
        EventKind::NotificationDelivered => {
            format!("Notification envoyée {} à {}", channel_fr(&s("channel")), s("recipient"))
        }
        EventKind::NotificationFailed => {
            format!("Échec de notification {} à {}", channel_fr(&s("channel")), s("recipient"))
        }
        EventKind::SupervisionAlert => format!("Alerte de supervision répétée : {}", s("summary")),
        EventKind::Dispatched => "Technicien envoyé sur site".to_string(),
        EventKind::OnSiteNeeded => format!("Besoin d'intervention sur site revu : {}", s("reason")),
        EventKind::InterventionPlanned => "Intervention sur site planifiée".to_string(),
        EventKind::DataLoss => format!("Perte de données constatée : {}", s("description")),
        EventKind::GdprNotice => "Information RGPD envoyée au client".to_string(),
        EventKind::TypeCorrected => format!("Type d'incident corrigé : {}", s("reason")),
        EventKind::RecurrenceDetected => "Incident récurrent : revue technique ouverte".to_string(),
        EventKind::SupervisionResolved => "Fin d'alerte de la supervision".to_string(),
        EventKind::ReviewClosed => "Revue technique terminée".to_string(),
        EventKind::Message => format!("Message : {}", s("text")),
        EventKind::OncallPage => match data.get("to").and_then(|v| v.as_str()) {
            Some(to) => format!("Astreinte : {to} appelé(e) par SMS et e-mail"),
            None => "Astreinte : personne de service ; responsable d'exploitation prévenu".to_string(),
        },
        EventKind::Assigned if data["oncall"] == true => match data.get("to").and_then(|v| v.as_str()) {
            Some(to) => format!("Incident confié à {to}, d'astreinte"),
            None => "Incident sans responsable".to_string(),
        },
        EventKind::Assigned => match data.get("to").and_then(|v| v.as_str()) {
            Some(to) => format!("Incident confié à {to}"),
            None => "Incident sans responsable".to_string(),
        },
        // A kind this list does not know yet is still said in words, never as its code.
        _ => "Événement".to_string(),
    }
}
