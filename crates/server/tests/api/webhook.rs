//! The Alertmanager webhook as an attacker or a misconfigured tool would use it: the
//! token is checked before the body is parsed, every field is bounded, and each alert is
//! taken or refused on its own.

use serde_json::{json, Value};

use crate::harness::{Backend, Client, Response, TestServer};

fn alert(status: &str, fingerprint: &str, summary: &str) -> Value {
    json!({ "status": status, "fingerprint": fingerprint, "labels": { "alertname": "CameraDown" }, "annotations": { "summary": summary } })
}

pub async fn the_webhook_checks_its_token_first_and_each_alert_alone(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let token = vigie_server::auth::issue_api_token(&server.running.state, "Demo Client").await.expect("token");
    let send = |token: Option<&str>, content_type: &str, body: String| {
        let mut request = server
            .anonymous()
            .request(reqwest::Method::POST, "/api/ingest/alertmanager")
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Client::send(request)
    };
    // Without the right token, the body is not even parsed: 401, not 422.
    for token in [None, Some("wrong"), Some("")] {
        let r = send(token, "application/json", "{not json".into()).await;
        assert_eq!((r.status, r.json["error"].is_string()), (401, true), "{token:?}: {}", r.text);
    }
    assert_eq!(send(Some(&token), "text/plain", "{}".into()).await.status, 415);
    assert_eq!(send(Some(&token), "application/json", "{not json".into()).await.status, 422);
    let r = send(Some(&token), "application/json", json!({ "alerts": "none" }).to_string()).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("alerts")), "{}", r.text);
    let many = json!({ "alerts": (0..101).map(|n| alert("firing", &format!("f{n}"), "x")).collect::<Vec<_>>() });
    let r = send(Some(&token), "application/json", many.to_string()).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("alerts")), "{}", r.text);
    assert_eq!(tech.get("/api/incidents?state=all").await.json, json!([]));

    // One group: a good alert among bad ones. The good one opens its incident; each bad one
    // is refused, named, and the answer is a success so that Alertmanager does not resend.
    let mut long_label = alert("firing", "f5", "Caméra HS");
    long_label["labels"]["site"] = json!("s".repeat(1001));
    let mut nul = alert("firing", "f6", "Caméra HS");
    nul["annotations"]["description"] = json!("a\u{0}b");
    let group = json!({ "version": "4", "status": "firing", "alerts": [
        alert("firing", "f1", "Caméra du hall HS"),
        alert("pending", "f2", "Caméra HS"),
        alert("firing", "f3", &"s".repeat(1001)),
        { "status": "firing", "labels": {}, "annotations": { "summary": "x" } },
        alert("resolved", "f4", "Rien"),
        long_label,
        nul,
        "not an alert",
        alert("firing", &"f".repeat(201), "x"),
    ] });
    let r: Response = send(Some(&token), "application/json", group.to_string()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let results = r.json["alerts"].as_array().unwrap();
    let outcome = |i: usize| (results[i]["action"].as_str().unwrap(), results[i]["field"].as_str());
    assert_eq!(outcome(0).0, "created");
    assert_eq!(outcome(1), ("refused", Some("alerts[1].status")));
    assert_eq!(outcome(2), ("refused", Some("alerts[2].annotations.summary")));
    assert_eq!(outcome(3), ("refused", Some("alerts[3].fingerprint")));
    assert_eq!(outcome(4).0, "ignored");
    assert_eq!(outcome(5), ("refused", Some("alerts[5].labels.site")));
    assert_eq!(outcome(6), ("refused", Some("alerts[6].annotations.description")));
    assert_eq!(outcome(7), ("refused", Some("alerts[7]")));
    assert_eq!(outcome(8), ("refused", Some("alerts[8].fingerprint")));
    assert!(results[1]["error"].as_str().unwrap().contains("pending"), "{}", r.text);
    let incidents = tech.get("/api/incidents?state=all").await.json;
    assert_eq!(incidents.as_array().unwrap().len(), 1, "{incidents}");
    assert_eq!(incidents[0]["description"], "Caméra du hall HS");
    // Sent again, as Alertmanager does: the good alert updates its incident, no other.
    let r = send(Some(&token), "application/json", group.to_string()).await;
    assert_eq!(r.json["alerts"][0]["action"], "updated");
    assert_eq!(tech.get("/api/incidents?state=all").await.json.as_array().unwrap().len(), 1);
}
