//! Two instances on one PostgreSQL database: a change made on one is live on the other
//! (LISTEN/NOTIFY), and an SLA breach is alerted once although both monitors look.

use std::time::Duration;

use serde_json::json;
use vigie_server::config::Config;

use crate::harness::{fresh_database, temp_dir, Backend, TestServer};
use crate::notifications::{eventually, metric_or_zero, timeline};
use crate::stream::Listener;

pub async fn two_instances_share_live_events_and_alert_once() {
    let dir = temp_dir("instances");
    let database_url = fresh_database(Backend::Postgres, &dir).await;
    let config = |name: &str| Config {
        spool_dir: Some(dir.join(name).join("spool")),
        escalation: Some(vigie_server::config::Escalation {
            name: "Claire Martin".into(),
            email: Some("direction@mileotech.example".into()),
            phone: None,
        }),
        ..Config::default()
    };
    let a = TestServer::start_on(dir.join("a"), database_url.clone(), config("a")).await;
    let b = TestServer::start_on(dir.join("b"), database_url.clone(), config("b")).await;
    assert_ne!(a.base, b.base);
    // Each broadcaster also reads the table every second in case a wake-up is lost: made
    // rare here, an event seen on the other instance came by NOTIFY.
    for server in [&a, &b] {
        server.running.state.events.poll_every(Duration::from_secs(3600));
        let events = server.running.state.events.clone();
        eventually("LISTEN established", Duration::from_secs(30), || {
            std::future::ready(events.listening().then_some(()))
        })
        .await;
    }

    // A supervisor's wall on B sees at once what a client reports on A.
    let supervisor_b = b.login("supervisor").await;
    let mut wall = Listener::open(&supervisor_b, None).await;
    let client_a = a.login("client").await;
    let site = a.site_of(&client_a, "Demo Client").await;
    let incident = client_a.report(site, "Badgeuse de l'accueil lente").await;
    let seen = wall.next_of("reported").await;
    assert_eq!(seen.data["incident_id"], incident["id"]);
    assert_eq!(seen.data["data"]["reference"], incident["reference"]);
    // Several reports in a row: each is seen, in order.
    for n in 0..5 {
        let incident = client_a.report(site, &format!("Lecteur de badge {n} lent")).await;
        let seen = wall.next_of("reported").await;
        assert_eq!(seen.data["incident_id"], incident["id"]);
    }
    // And an action taken on B is live on A.
    let supervisor_a = a.login("supervisor").await;
    let mut wall_a = Listener::open(&supervisor_a, None).await;
    let tech_b = b.login("tech").await;
    let id = incident["id"].as_i64().unwrap();
    assert_eq!(tech_b.post_empty(&format!("/api/incidents/{id}/acknowledge")).await.status, 200);
    let acknowledged = wall_a.next_of("acknowledged").await;
    assert_eq!(acknowledged.data["incident_id"], id);

    // A P1 the client called about two hours ago, reported on A: its take-charge hour is
    // gone. Both instances' monitors look at it (B's is woken, and each is run once more by
    // hand, concurrently): one breach alert, one email to the operations manager.
    let tech_a = a.login("tech").await;
    let two_hours_ago = (chrono::Utc::now() - chrono::TimeDelta::hours(2)).to_rfc3339();
    let late = tech_a.post("/api/incidents", &json!({ "site_id": site, "description": "Appel : plus aucune caméra sur le site", "reported_at": two_hours_ago })).await;
    assert_eq!(late.status, 201, "{}", late.text);
    assert_eq!(late.json["priority"], "P1");
    let late_id = late.json["id"].as_i64().unwrap();
    b.running.state.monitor.notify_one();
    let (on_a, on_b) =
        tokio::join!(vigie_server::monitor::check(&a.running.state), vigie_server::monitor::check(&b.running.state));
    on_a.expect("monitor A");
    on_b.expect("monitor B");
    let breached = "vigie_alerts_total{level=\"breached\"}";
    for server in [&a, &b] {
        let tech = server.login("tech").await;
        eventually("the breach alert", Duration::from_secs(30), || {
            let tech = tech.clone();
            async move { (metric_or_zero(&tech, breached).await >= 1).then_some(()) }
        })
        .await;
    }
    // Each monitor looks once more, whatever its background task did meanwhile: still one.
    let (on_a, on_b) =
        tokio::join!(vigie_server::monitor::check(&a.running.state), vigie_server::monitor::check(&b.running.state));
    on_a.expect("monitor A");
    on_b.expect("monitor B");
    for server in [&a, &b] {
        let tech = server.login("tech").await;
        assert_eq!(metric_or_zero(&tech, breached).await, 1, "on {}", server.base);
        assert_eq!(metric_or_zero(&tech, "vigie_alerts_total{level=\"at_risk\"}").await, 0, "on {}", server.base);
    }
    let events = timeline(&tech_b, late_id).await;
    let alerts: Vec<_> = events.iter().filter(|e| e["kind"] == "alert").collect();
    // Breached an hour ago, and still open half an hour after: the second level was told.
    let levels: Vec<_> = alerts.iter().map(|a| a["data"]["level"].as_str().unwrap_or_default()).collect();
    assert_eq!(levels, ["breached", "escalated"], "{events:#?}");
    assert!(alerts.iter().all(|a| a["data"]["clock"] == "take_charge"));
    assert_eq!(alerts[1]["data"]["to"], "Claire Martin");
    for server in [&a, &b] {
        let tech = server.login("tech").await;
        assert_eq!(metric_or_zero(&tech, "vigie_alerts_total{level=\"escalated\"}").await, 1, "on {}", server.base);
    }
    // The alert email, delivered once by one of the two workers.
    eventually("the alert email", Duration::from_secs(30), || {
        let tech_b = tech_b.clone();
        async move { timeline(&tech_b, late_id).await.iter().any(|e| e["kind"] == "notification_delivered").then_some(()) }
    })
    .await;
    // Each worker delivers what is due once more, whatever its background task did: the
    // message was claimed and delivered once.
    let (on_a, on_b) = tokio::join!(
        vigie_server::notify::deliver_due(&a.running.state),
        vigie_server::notify::deliver_due(&b.running.state)
    );
    on_a.expect("worker A");
    on_b.expect("worker B");
    let events = timeline(&tech_b, late_id).await;
    let delivered: Vec<_> = events.iter().filter(|e| e["kind"] == "notification_delivered").collect();
    let mut recipients: Vec<_> =
        delivered.iter().map(|e| e["data"]["recipient"].as_str().unwrap_or_default()).collect();
    recipients.sort_unstable();
    assert_eq!(recipients, ["Claire Martin", "Sophie Laurent"], "{delivered:#?}");
    // Only the alert counts here: the client's notices of the other incidents are spooled too.
    let spooled = |name: &str, subject: &str| {
        std::fs::read_dir(dir.join(name).join("spool").join("mail"))
            .map(|d| {
                d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).filter(|m| m.contains(subject)).count()
            })
            .unwrap_or(0)
    };
    assert_eq!(spooled("a", "] SLA ") + spooled("b", "] SLA "), 1, "alert emails spooled by A and B");
    assert_eq!(spooled("a", "] ESCALADE ") + spooled("b", "] ESCALADE "), 1, "escalation emails spooled by A and B");
}
