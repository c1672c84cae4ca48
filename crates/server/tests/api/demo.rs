//! `vigie serve --demo` on an empty desk: a few weeks of history, played through the
//! server's own code, that fills the SLA report, the lessons learned and the technical
//! reviews — once.

use std::collections::BTreeSet;
use std::time::Instant;

use chrono::{TimeDelta, Utc};
use serde_json::Value;

use crate::harness::{Backend, Client, TestServer};

fn metric(text: &str, name: &str) -> i64 {
    text.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Every Paris month of the last 45 days: the history is between 40 and 4 days old.
fn recent_months() -> Vec<String> {
    let now = Utc::now();
    let months: BTreeSet<String> = (0..=45)
        .map(|d| (now - TimeDelta::days(d)).with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m").to_string())
        .collect();
    months.into_iter().collect()
}

/// The SLA reports of an organisation over the recent months.
async fn reports(tech: &Client, organisation: i64) -> Vec<Value> {
    let mut out = Vec::new();
    for month in recent_months() {
        let r = tech.get(&format!("/api/reports/sla?organisation={organisation}&month={month}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        out.push(r.json);
    }
    out
}

fn sum(reports: &[Value], pointer: &str) -> u64 {
    reports.iter().map(|r| r.pointer(pointer).and_then(Value::as_u64).unwrap_or(0)).sum()
}

async fn all_incidents(tech: &Client) -> Vec<Value> {
    let r = tech.get("/api/incidents?state=all").await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json.as_array().expect("incidents").clone()
}

pub async fn demo_history_fills_the_back_office_once(backend: Backend) {
    let started = Instant::now();
    let server = TestServer::start_with_history(backend).await;
    eprintln!("{backend:?}: server with the demo history started in {:?}", started.elapsed());
    // The history was played on a clock of its own: the server's is untouched.
    let skew = server.running.state.clock.now() - Utc::now();
    assert!(skew.abs() < TimeDelta::seconds(1), "the server's clock is off by {skew}");
    let tech = server.login("tech").await;
    let client = server.login("client").await;
    let premium = server.login("premium").await;

    // One incident is open: the one the team is working on. Every incident of the history
    // is closed, and in the past.
    let open = tech.get("/api/incidents").await.json;
    assert_eq!(open.as_array().map(Vec::len), Some(1), "{open:#}");
    team_incident(&server, &open[0]).await;
    let mut incidents = all_incidents(&tech).await;
    incidents.retain(|i| i["id"] != open[0]["id"]);
    assert!((8..=12).contains(&incidents.len()), "{} incidents", incidents.len());
    let now = Utc::now();
    for i in &incidents {
        assert_eq!(i["status"], "closed", "{}", i["reference"]);
        let reported: chrono::DateTime<Utc> = i["reported_at"].as_str().unwrap().parse().unwrap();
        let closed: chrono::DateTime<Utc> = i["closed_at"].as_str().unwrap().parse().unwrap();
        assert!(reported < closed && closed < now, "{}: reported {reported}, closed {closed}", i["reference"]);
        assert!(now - reported < TimeDelta::days(45), "{}: reported {reported}", i["reference"]);
        assert!(i["resolution"]["root_cause"].as_str().is_some_and(|s| !s.is_empty()));
    }
    let sources: BTreeSet<&str> = incidents.iter().map(|i| i["source"].as_str().unwrap()).collect();
    assert_eq!(sources, BTreeSet::from(["client_portal", "phone", "supervision"]));

    // The SLA report of each client: incidents of every kind, promises mostly kept, some
    // broken with their delay.
    for (user, name) in [(&client, "Demo Client"), (&premium, "Banque Premium")] {
        let organisation = user.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
        let reports = reports(&tech, organisation).await;
        let count: u64 = reports
            .iter()
            .flat_map(|r| r["by_priority"].as_object().unwrap().values())
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert!(count >= 5, "{name}: {count} incidents in {reports:#?}");
        let priorities: BTreeSet<&str> =
            reports.iter().flat_map(|r| r["by_priority"].as_object().unwrap().keys()).map(String::as_str).collect();
        assert_eq!(priorities, BTreeSet::from(["P1", "P2", "P3"]), "{name}");
        let (on_time, total) = (sum(&reports, "/take_charge/on_time"), sum(&reports, "/take_charge/total"));
        assert!(total == count && on_time < total && on_time * 2 > total, "{name}: take charge {on_time}/{total}");
        for r in reports.iter().filter(|r| r["take_charge"]["total"].as_u64() > Some(0)) {
            assert!(r["take_charge"]["percent"].as_f64().unwrap() <= 100.0);
        }
        assert!(reports.iter().any(|r| r["take_charge"]["percent"].as_f64().is_some_and(|p| p < 100.0)), "{name}");
        let breaches: Vec<&Value> = reports.iter().flat_map(|r| r["breaches"].as_array().unwrap()).collect();
        assert!(breaches.len() >= 2, "{name}: {breaches:#?}");
        assert!(breaches.iter().all(|b| b["late_by_seconds"].as_i64().unwrap() > 0), "{breaches:#?}");
        assert!(breaches.iter().any(|b| b["clock"] == "take_charge"), "{name}: {breaches:#?}");
        assert!(breaches.iter().any(|b| b["clock"] == "client_update"), "{name}: {breaches:#?}");
        // Each P1's post-mortem was published on time.
        assert_eq!((sum(&reports, "/postmortems/on_time"), sum(&reports, "/postmortems/total")), (1, 1), "{name}");
        assert_eq!(sum(&reports, "/on_site/on_time"), sum(&reports, "/on_site/total"), "{name}");
        let updates = (sum(&reports, "/client_updates/on_time"), sum(&reports, "/client_updates/total"));
        assert!(updates.0 < updates.1 && updates.0 * 2 > updates.1, "{name}: client updates {updates:?}");
        eprintln!(
            "{backend:?}: {name}: {count} incidents, take charge {on_time}/{total}, client updates {}/{}, {} breaches",
            updates.0,
            updates.1,
            breaches.len()
        );
    }

    // The lessons of the two P1s: the bank's leaves out its name and site, everywhere.
    let lessons = tech.get("/api/lessons").await;
    assert_eq!(lessons.status, 200, "{}", lessons.text);
    let list = lessons.json.as_array().unwrap();
    assert_eq!(list.len(), 2, "{}", lessons.text);
    let named = list.iter().find(|l| l["client_name"] == "Demo Client").expect("the Demo Client's lesson");
    assert_eq!(named["site_name"], "Siège Paris");
    let anonymous = list.iter().find(|l| l["client_name"].is_null()).expect("the bank's lesson");
    assert_eq!(anonymous["site_name"], Value::Null);
    assert!(anonymous["what_happened"].as_str().unwrap().contains("[site]"), "{anonymous}");
    assert!(!anonymous["prevention"].as_str().unwrap().is_empty());
    let seen = lessons.text.to_lowercase();
    for name in ["banque premium", "agence strasbourg"] {
        assert!(!seen.contains(name), "{name} appears in {}", lessons.text);
    }

    // The recurrence of the parking cameras: a review the client sees, with its proposal.
    let reviews = client.get("/api/reviews").await.json;
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 1, "{reviews:#?}");
    let review = &reviews[0];
    assert_eq!(review["incident_type"], "video/down");
    assert_eq!(review["related"].as_array().unwrap().len(), 1);
    assert_eq!(review["proposal"]["status"], "proposed");
    assert!(review["proposal"]["estimated_cost_eur"].as_i64().unwrap() > 0);
    assert!(!review["proposal"]["description"].as_str().unwrap().is_empty());
    assert_eq!(premium.get("/api/reviews").await.json, serde_json::json!([]));

    // A late take-charge has its breach alert on the timeline, dated in the past.
    let late = incidents.iter().find(|i| i["priority"] == "P1" && i["organisation_name"] == "Demo Client").unwrap();
    let events = tech.get(&format!("/api/incidents/{}/events", late["id"])).await.json;
    let alert = events.as_array().unwrap().iter().find(|e| e["kind"] == "alert").expect("an alert");
    assert_eq!(
        (alert["data"]["clock"].as_str(), alert["data"]["level"].as_str()),
        (Some("take_charge"), Some("breached"))
    );

    // Nothing of the history is sent now, and the monitor finds nothing to alert.
    // A whole pass of the monitor and of the notification worker, awaited rather than
    // timed.
    let before = tech.metrics().await;
    vigie_server::monitor::check(&server.running.state).await.expect("monitor");
    vigie_server::notify::deliver_due(&server.running.state).await.expect("outbox");
    let after = tech.metrics().await;
    for name in ["vigie_alerts_total{level=\"at_risk\"}", "vigie_alerts_total{level=\"breached\"}"] {
        assert_eq!(metric(&before, name), metric(&after, name), "{name}");
    }
    assert!(metric(&after, "vigie_alerts_total{level=\"breached\"}") >= 4, "{after}");
    assert!(
        !after.contains("status=\"pending\"")
            && !after.contains("status=\"sending\"")
            && !after.contains("status=\"delivered\""),
        "{after}"
    );
    assert!(metric(&after, "vigie_notifications_total{channel=\"email\",status=\"skipped\"}") > 0, "{after}");
    assert!(!server.dir.join("spool").exists(), "something was spooled");

    // Once: creating the demo data again, or restarting, adds nothing.
    let count = incidents.len();
    let again = Instant::now();
    vigie_server::demo::create(&server.running.state).await.expect("demo data again");
    eprintln!("{backend:?}: demo data on a desk with incidents in {:?}", again.elapsed());
    assert_eq!(all_incidents(&tech).await.len(), count + 1);
    let server = server.restart().await;
    let tech = server.login("tech").await;
    assert_eq!(all_incidents(&tech).await.len(), count + 1);
    assert_eq!(tech.get("/api/lessons").await.json.as_array().unwrap().len(), 2);
}

/// The incident the demo team is working on: Karim Haddad has it, the client and he have
/// written to each other and he left a note the client does not see, and the client's
/// photo is there without the position it carried. The desk also has its on-call rota.
async fn team_incident(server: &TestServer, incident: &Value) {
    let (tech, client) = (server.login("tech").await, server.login("client").await);
    let id = incident["id"].as_i64().expect("id");
    assert_eq!(incident["assignee"]["name"], "Karim Haddad", "{incident:#}");
    assert_eq!(incident["organisation_name"], "Demo Client");

    let said = |messages: &Value| -> Vec<(String, bool)> {
        let list = messages.as_array().expect("messages");
        list.iter().map(|m| (m["role"].as_str().unwrap().to_string(), m["internal"].as_bool().unwrap())).collect()
    };
    let staff_view = tech.get(&format!("/api/incidents/{id}/messages")).await;
    assert_eq!(staff_view.status, 200, "{}", staff_view.text);
    let expected = [("client", false), ("technician", false), ("technician", true)];
    assert_eq!(said(&staff_view.json), expected.map(|(r, i)| (r.to_string(), i)));
    let client_view = client.get(&format!("/api/incidents/{id}/messages")).await;
    assert_eq!(said(&client_view.json), expected[..2].iter().map(|(r, i)| (r.to_string(), *i)).collect::<Vec<_>>());
    let note = staff_view.json[2]["text"].as_str().unwrap();
    assert!(
        !client.get(&format!("/api/incidents/{id}/events")).await.text.contains(note),
        "the note reached the client"
    );

    let files = client.get(&format!("/api/incidents/{id}/attachments")).await.json;
    let files = files.as_array().expect("attachments");
    assert_eq!(files.len(), 1, "{files:#?}");
    assert_eq!(
        (files[0]["content_type"].as_str(), files[0]["author"].as_str()),
        (Some("image/png"), Some("Julie Martin"))
    );
    let response = client
        .request(reqwest::Method::GET, &format!("/api/attachments/{}", files[0]["id"]))
        .send()
        .await
        .expect("request sent");
    assert_eq!(response.status().as_u16(), 200);
    let bytes = response.bytes().await.expect("body");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(files[0]["size"].as_u64(), Some(bytes.len() as u64));
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"tEXt") && !has(b"GPS"), "the photo kept its metadata");
    assert!(has(b"IDAT") && has(b"IEND"));

    let rota = tech.get("/api/oncall").await.json;
    assert!(rota["week"].as_array().is_some_and(|w| !w.is_empty()), "{rota:#}");
    assert!(rota["exceptions"].as_array().is_some_and(|e| !e.is_empty()), "{rota:#}");
}
