//! The report as CSV: one for tools (comma, UTF-8), one for a French spreadsheet
//! (semicolon, BOM, CRLF).

use super::{Kept, SlaReport};

pub(super) fn percent(k: &Kept) -> String {
    k.percent.map(|p| format!("{p:.1}")).unwrap_or_default()
}

/// Rows written with `separator` between fields and `terminator` after each line, fields
/// quoted by the `csv` crate when they hold the separator, a quote or a line break.
fn write(rows: &[[String; 4]], separator: u8, terminator: csv::Terminator) -> String {
    let mut writer = csv::WriterBuilder::new().delimiter(separator).terminator(terminator).from_writer(Vec::new());
    for row in rows {
        // Writing to memory fails only when out of memory.
        writer.write_record(row).expect("a CSV row written to memory");
    }
    let bytes = writer.into_inner().expect("CSV written to memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields")
}

/// The report as CSV: one `section,key,value` line per figure, then one line per breach.
pub fn to_csv(r: &SlaReport) -> String {
    let row = |a: &str, b: &str, c: String, d: String| [a.to_string(), b.to_string(), c, d];
    let mut rows = vec![row("section", "key", "value".into(), "detail".into())];
    for (p, n) in &r.by_priority {
        rows.push(row("incidents", p, n.to_string(), String::new()));
    }
    for (s, n) in &r.by_source {
        rows.push(row("source", s, n.to_string(), String::new()));
    }
    for (name, k) in [
        ("take_charge", &r.take_charge),
        ("on_site", &r.on_site),
        ("interventions", &r.interventions),
        ("client_updates", &r.client_updates),
        ("postmortems", &r.postmortems),
        ("gdpr_notices", &r.gdpr_notices),
    ] {
        rows.push(row("on_time_percent", name, percent(k), format!("{}/{}", k.on_time, k.total)));
    }
    for b in &r.breaches {
        let escalated = b.escalated_at.map(|t| format!(" escalated {}", t.to_rfc3339())).unwrap_or_default();
        let detail = format!("{} {} due {}{escalated}", b.priority, b.clock.as_str(), b.due.to_rfc3339());
        rows.push(row("breach", &b.reference, b.late_by_seconds.to_string(), detail));
    }
    for recurrent in &r.recurrent {
        rows.push(row("recurrent", &recurrent.reference, "1".into(), String::new()));
    }
    rows.push(row("reopened", "incidents", r.reopened.to_string(), String::new()));
    rows.push(row(
        "satisfaction",
        "average",
        r.satisfaction.average.map(|a| format!("{a:.2}")).unwrap_or_default(),
        format!("{} answers", r.satisfaction.count),
    ));
    write(&rows, b',', csv::Terminator::Any(b'\n'))
}

/// The report as a French spreadsheet opens it: `;` between fields, a byte-order mark so
/// that Excel reads UTF-8, French headings and labels, decimal commas, local times (Paris).
pub fn to_csv_fr(r: &SlaReport) -> String {
    let paris = chrono_tz::Europe::Paris;
    let mut rows: Vec<[String; 4]> = Vec::new();
    let source = |s: &str| match s {
        "client_portal" => "Portail client".to_string(),
        "supervision" => "Supervision".to_string(),
        "phone" => "Téléphone".to_string(),
        other => other.to_string(),
    };
    for (p, n) in &r.by_priority {
        rows.push(["Incidents".into(), p.clone(), n.to_string(), String::new()]);
    }
    for (s, n) in &r.by_source {
        rows.push(["Source".into(), source(s), n.to_string(), String::new()]);
    }
    for (name, k) in [
        ("Prise en charge", &r.take_charge),
        ("Départ d'un technicien sur site (P1)", &r.on_site),
        ("Intervention planifiée (P3)", &r.interventions),
        ("Points d'avancement", &r.client_updates),
        ("Post-mortems", &r.postmortems),
        ("Information RGPD", &r.gdpr_notices),
    ] {
        let value = k.percent.map(|p| format!("{p:.1}").replace('.', ",")).unwrap_or_default();
        rows.push(["Engagements tenus (%)".into(), name.into(), value, format!("{} sur {}", k.on_time, k.total)]);
    }
    for b in &r.breaches {
        let due = b.due.with_timezone(&paris).format("%d/%m/%Y %H:%M");
        let late = vigie_engine::sla::format_duration(b.late_by_seconds);
        rows.push([
            "Engagement non tenu".into(),
            b.reference.clone(),
            b.clock.names().0.into(),
            format!(
                "{}, échéance {due}, retard {late}{}",
                b.priority,
                b.escalated_at
                    .map(|t| format!(", escaladé le {}", t.with_timezone(&paris).format("%d/%m/%Y %H:%M")))
                    .unwrap_or_default()
            ),
        ]);
    }
    for recurrent in &r.recurrent {
        rows.push(["Incident récurrent".into(), recurrent.reference.clone(), String::new(), String::new()]);
    }
    rows.push(["Incidents rouverts par le client".into(), String::new(), r.reopened.to_string(), String::new()]);
    rows.push([
        "Satisfaction (1 à 5)".into(),
        "Moyenne".into(),
        r.satisfaction.average.map(|a| format!("{a:.2}").replace('.', ",")).unwrap_or_default(),
        format!("{} réponse(s)", r.satisfaction.count),
    ]);
    for c in &r.satisfaction.comments {
        rows.push(["Avis du client".into(), c.reference.clone(), c.score.to_string(), c.comment.clone()]);
    }
    format!("\u{feff}Rubrique;Élément;Valeur;Détail\r\n{}", write(&rows, b';', csv::Terminator::CRLF))
}
