//! Breach alerts, notifications, supervision tools, and the operational endpoints.

use std::time::Duration;

use serde_json::json;

use crate::harness::{Backend, Client, TestServer};
use crate::notifications::eventually;

/// How long a background task may take to act, on a busy machine.
const DEADLINE: Duration = Duration::from_secs(30);

async fn metric(client: &Client, name: &str) -> i64 {
    let text = client.metrics().await;
    text.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} not in\n{text}"))
}

fn mails(server: &TestServer) -> Vec<String> {
    match std::fs::read_dir(server.dir.join("spool").join("mail")) {
        Ok(dir) => dir.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect(),
        Err(_) => Vec::new(),
    }
}

pub async fn breach_alerts_once_across_a_restart(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let client = server.login("client").await;
    let site = server.site_of(&tech, "Demo Client").await;
    let two_hours_ago = (chrono::Utc::now() - chrono::TimeDelta::hours(2)).to_rfc3339();
    let fifty_minutes_ago = (chrono::Utc::now() - chrono::TimeDelta::minutes(50)).to_rfc3339();
    // The client called two hours ago about a total outage: the take-charge hour is gone.
    let late = tech
        .post("/api/incidents", &json!({ "site_id": site, "description": "Appel : plus aucune caméra sur le site", "reported_at": two_hours_ago }))
        .await;
    assert_eq!(late.status, 201, "{}", late.text);
    let late_clock =
        late.json["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "take_charge").unwrap().clone();
    assert_eq!(late_clock["state"], "breached");
    // And one 50 minutes ago: at risk (75 % of the hour used).
    let risky = tech
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "Appel : hyperviseur HS", "reported_at": fifty_minutes_ago }),
        )
        .await;
    assert_eq!(risky.status, 201);

    // The monitor is woken by the reports; its pass over them is awaited, not timed.
    eventually("both alerts", DEADLINE, || {
        let tech = tech.clone();
        async move {
            let breached = metric(&tech, "vigie_alerts_total{level=\"breached\"}").await;
            let at_risk = metric(&tech, "vigie_alerts_total{level=\"at_risk\"}").await;
            (breached >= 1 && at_risk >= 1).then_some(())
        }
    })
    .await;
    // Another pass finds nothing new.
    vigie_server::monitor::check(&server.running.state).await.expect("monitor");
    assert_eq!(metric(&tech, "vigie_alerts_total{level=\"breached\"}").await, 1);
    assert_eq!(metric(&tech, "vigie_alerts_total{level=\"at_risk\"}").await, 1);
    let alert_mails = || mails(&server).into_iter().filter(|m| m.contains("exploitation@mileotech.example")).count();
    eventually("the two alert emails", DEADLINE, || std::future::ready((alert_mails() >= 2).then_some(()))).await;
    assert_eq!(alert_mails(), 2, "{:?}", mails(&server));
    // The alert is on the staff's timeline, not the client's.
    let late_id = late.json["id"].as_i64().unwrap();
    let staff_kinds: Vec<String> = tech
        .get(&format!("/api/incidents/{late_id}/events"))
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(staff_kinds.contains(&"alert".to_string()), "{staff_kinds:?}");
    let client_kinds: Vec<String> = client
        .get(&format!("/api/incidents/{late_id}/events"))
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(!client_kinds.contains(&"alert".to_string()));

    // A restart does not alert again: a whole pass of the new monitor, and its mail worker.
    let server = server.restart().await;
    let tech = server.login("tech").await;
    vigie_server::monitor::check(&server.running.state).await.expect("monitor");
    vigie_server::notify::deliver_due(&server.running.state).await.expect("outbox");
    assert_eq!(metric(&tech, "vigie_alerts_total{level=\"breached\"}").await, 1);
    assert_eq!(metric(&tech, "vigie_alerts_total{level=\"at_risk\"}").await, 1);
    assert_eq!(mails(&server).into_iter().filter(|m| m.contains("exploitation@mileotech.example")).count(), 2);
}

pub async fn supervision_alerts_open_and_update_incidents(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let premium = server.login("premium").await;
    let token = vigie_server::auth::issue_api_token(&server.running.state, "Banque Premium").await.expect("token");
    let hook = |status: &str| {
        json!({
            "version": "4", "status": status, "receiver": "vigie",
            "alerts": [{
                "status": status, "fingerprint": "a1b2c3",
                "labels": { "alertname": "NvrDown", "site": "Agence Strasbourg", "severity": "critical" },
                "annotations": { "summary": "Enregistreur NVR hors service : perte d'enregistrement" },
                "startsAt": "2026-11-28T10:00:00Z"
            }]
        })
    };
    let send = |body: serde_json::Value, token: Option<String>| {
        let anonymous = server.anonymous();
        async move {
            let mut request = anonymous.request(reqwest::Method::POST, "/api/ingest/alertmanager").json(&body);
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            Client::send(request).await
        }
    };
    assert_eq!(send(hook("firing"), None).await.status, 401);
    assert_eq!(send(hook("firing"), Some("wrong".into())).await.status, 401);
    let first = send(hook("firing"), Some(token.clone())).await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.json["alerts"][0]["action"], "created");
    let id = first.json["alerts"][0]["incident_id"].as_i64().unwrap();
    let again = send(hook("firing"), Some(token.clone())).await;
    assert_eq!(again.json["alerts"][0]["action"], "updated");
    assert_eq!(again.json["alerts"][0]["incident_id"], id);
    let incident = premium.get(&format!("/api/incidents/{id}")).await;
    assert_eq!(incident.json["source"], "supervision");
    // The recorder down: every camera it records is lost, P1 until staff say otherwise.
    assert_eq!(incident.json["priority"], "P1");
    assert_eq!(incident.json["site_name"], "Agence Strasbourg");
    assert_eq!(tech.get("/api/incidents").await.json.as_array().unwrap().len(), 1);
    let kinds: Vec<String> = tech
        .get(&format!("/api/incidents/{id}/events"))
        .await
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["reported", "supervision_alert"]);
    // A site the organisation does not have.
    let mut bad = hook("firing");
    bad["alerts"][0]["labels"]["site"] = json!("Siège Paris");
    bad["alerts"][0]["fingerprint"] = json!("zz");
    let r = send(bad, Some(token)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.json["alerts"][0]["action"].as_str(), r.json["alerts"][0]["field"].as_str()),
        (Some("refused"), Some("alerts[0].labels.site")),
        "{}",
        r.text
    );
}

pub async fn health_metrics_time_and_app_routes(backend: Backend) {
    let server = TestServer::start(backend).await;
    let anonymous = server.anonymous();
    assert_eq!(anonymous.get("/healthz").await.text, "ok");
    for header in ["x-content-type-options", "x-frame-options", "referrer-policy"] {
        assert!(anonymous.get("/healthz").await.headers.get(header).is_some(), "{header}");
    }
    let time = anonymous.get("/api/time").await;
    let epoch = time.json["epoch_ms"].as_i64().unwrap();
    assert!((chrono::Utc::now().timestamp_millis() - epoch).abs() < 5000);
    // The app for its own routes, opened directly.
    for path in ["/", "/incidents/42", "/wall"] {
        let r = anonymous.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text.contains("<title>Vigie</title>"));
    }
    // The back office's pages come from its own bundle.
    let office = server.dir.join("dist").join("office");
    std::fs::create_dir_all(&office).unwrap();
    std::fs::write(office.join("index.html"), "<!doctype html><title>Vigie office</title>").unwrap();
    for path in ["/admin", "/reports", "/lessons", "/contacts", "/oncall"] {
        let r = anonymous.get(path).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text.contains("<title>Vigie office</title>"), "{path}: {}", r.text);
    }
    assert!(anonymous.get("/wall").await.text.contains("<title>Vigie</title>"));
    assert_eq!(anonymous.get("/api/nothing-here").await.status, 404);
    // The metrics are for the bearer of their token only.
    let r = anonymous.get("/metrics").await;
    assert_eq!(
        (r.status, r.headers.get("www-authenticate").map(|v| v.to_str().unwrap())),
        (401, Some("Bearer")),
        "{}",
        r.text
    );
    let r = Client::send(anonymous.request(reqwest::Method::GET, "/metrics").bearer_auth("not the token")).await;
    assert_eq!(r.status, 401);
    let metrics = anonymous.metrics().await;
    for name in [
        "vigie_open_incidents{priority=\"P1\"}",
        "vigie_alerts_total",
        "vigie_notifications_total",
        "vigie_http_request_duration_seconds_bucket",
    ] {
        assert!(metrics.contains(name), "{name}");
    }
}
