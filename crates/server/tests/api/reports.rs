//! SLA compliance reports, checked against incidents built for the purpose.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;

use crate::harness::{Backend, TestServer};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

pub async fn sla_report_counts_promises_kept_and_breaches(backend: Backend) {
    let server = TestServer::start(backend).await;
    let clock = server.running.state.clock.clone();
    // Monday 15 March 2027, 12:00 in Paris.
    clock.advance(at("2027-03-15T12:00:00+01:00") - clock.now());
    let tech = server.login("tech").await;
    let client = server.login("client").await;
    let premium = server.login("premium").await;
    let site = server.site_of(&tech, "Demo Client").await;
    let organisation = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    let phone = |reported_at: &str, description: &str, on_site: bool| json!({ "site_id": site, "description": description, "reported_at": reported_at, "on_site_required": on_site });
    // A: P1 called in at 11:10, taken in charge at 12:00 (on time).
    let a = tech
        .post("/api/incidents", &phone("2027-03-15T11:10:00+01:00", "Plus aucune caméra sur le site", true))
        .await
        .json;
    // B: P1 called in at 09:00, taken in charge at 12:00 (two hours late).
    let b = tech.post("/api/incidents", &phone("2027-03-15T09:00:00+01:00", "Hyperviseur HS", false)).await.json;
    // C: P2 reported by the client now, not yet due.
    let c = client.report(site, "2 caméras HS en zone sensible").await;
    assert_eq!(
        (a["priority"].as_str(), b["priority"].as_str(), c["priority"].as_str()),
        (Some("P1"), Some("P1"), Some("P2"))
    );
    let (a, b) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());
    tech.post_empty(&format!("/api/incidents/{a}/acknowledge")).await;
    tech.post_empty(&format!("/api/incidents/{b}/acknowledge")).await;
    // 12:30: A's first update, on time.
    clock.advance(TimeDelta::minutes(30));
    tech.post(&format!("/api/incidents/{a}/updates"), &json!({ "message": "Switch remplacé" })).await;
    // 14:30: nobody updated since; A's technician arrives on site (due 15:10).
    clock.advance(TimeDelta::hours(2));
    tech.post_empty(&format!("/api/incidents/{a}/on-site")).await;

    let r = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let j = &r.json;
    assert_eq!(j["by_priority"], json!({ "P1": 2, "P2": 1 }));
    assert_eq!(j["by_source"], json!({ "client_portal": 1, "phone": 2 }));
    assert_eq!((j["take_charge"]["on_time"].as_u64(), j["take_charge"]["total"].as_u64()), (Some(1), Some(2)));
    assert_eq!(j["take_charge"]["percent"], 50.0);
    assert_eq!((j["on_site"]["on_time"].as_u64(), j["on_site"]["total"].as_u64()), (Some(1), Some(1)));
    // A: 12:30 on time, then 13:30 missed; B: 13:00 missed.
    assert_eq!((j["client_updates"]["on_time"].as_u64(), j["client_updates"]["total"].as_u64()), (Some(1), Some(3)));
    assert_eq!(j["client_updates"]["percent"], 33.3);
    let mut breaches: Vec<(String, i64)> = j["breaches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["clock"].as_str().unwrap().to_string(), b["late_by_seconds"].as_i64().unwrap()))
        .collect();
    breaches.sort();
    // The server's clock runs on while the test works: allow the seconds it takes.
    let expected = [("client_update", 3600), ("client_update", 5400), ("take_charge", 7200)];
    assert_eq!(breaches.len(), expected.len(), "{breaches:?}");
    for ((clock, late), (want_clock, want_late)) in breaches.iter().zip(expected) {
        assert_eq!(clock, want_clock);
        assert!((want_late..want_late + 120).contains(late), "{clock}: {late} s late, expected {want_late}");
    }
    // The recurrence: A and B differ in type; C is the first video/down of the site since A.
    assert_eq!(j["recurrent"].as_array().unwrap().len(), 1);

    // CSV, for spreadsheets.
    let csv = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03&format=csv")).await;
    assert_eq!(csv.headers.get("content-type").unwrap(), "text/csv; charset=utf-8");
    assert!(csv.text.starts_with("section,key,value,detail\n"));
    assert!(csv.text.contains("on_time_percent,take_charge,50.0,1/2"), "{}", csv.text);
    assert!(csv.text.contains("P1 take_charge due 2027-03-15T09:00:00+00:00"), "{}", csv.text);

    // The same for a French spreadsheet: `;`, a byte-order mark, French words, local times.
    let fr = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03&format=csv-fr")).await;
    assert_eq!(fr.status, 200, "{}", fr.text);
    assert!(fr.text.starts_with("\u{feff}Rubrique;Élément;Valeur;Détail\r\n"), "{}", fr.text);
    assert!(fr.text.contains("Engagements tenus (%);Prise en charge;50,0;1 sur 2"), "{}", fr.text);
    assert!(fr.text.contains("Engagement non tenu;"), "{}", fr.text);
    assert!(fr.text.contains("Prise en charge;P1, échéance 15/03/2027 10:00, retard 2 h 00"), "{}", fr.text);
    assert!(fr.text.contains("Source;Téléphone;2;"), "{}", fr.text);
    assert!(fr.headers.get("content-disposition").unwrap().to_str().unwrap().contains("rapport-sla-2027-03.csv"));
    // Each breach and recurrence names its incident for a link.
    assert!(j["breaches"][0]["incident_id"].is_i64(), "{j}");
    assert!(j["recurrent"][0]["id"].is_i64() && j["recurrent"][0]["reference"].is_string(), "{j}");

    // Another month is empty; the client sees its own report, not another's.
    let empty = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-02")).await;
    assert_eq!(empty.json["by_priority"], json!({}));
    assert_eq!(client.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03")).await.status, 200);
    assert_eq!(premium.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03")).await.status, 404);
    let bad = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-13")).await;
    assert_eq!((bad.status, bad.json["field"].as_str()), (422, Some("month")));
    let bad = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03&format=pdf")).await;
    assert_eq!((bad.status, bad.json["field"].as_str()), (422, Some("format")));
}
