//! The live event stream: every change the caller may see, resumable with Last-Event-ID.

use std::time::Duration;

use serde_json::Value;

use crate::harness::{Backend, Client, TestServer};

/// One server-sent event.
#[derive(Debug, Clone)]
pub struct Sse {
    pub id: Option<i64>,
    pub event: String,
    pub data: Value,
}

/// Reads events from `/api/events` in the background.
pub struct Listener {
    receiver: tokio::sync::mpsc::UnboundedReceiver<Sse>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Listener {
    pub async fn open(client: &Client, last_event_id: Option<i64>) -> Listener {
        let mut request = client.request(reqwest::Method::GET, "/api/events");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.expect("stream opens");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers().get("content-type").unwrap(), "text/event-stream");
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        let task = tokio::spawn(async move {
            let mut response = response;
            let mut buffer = String::new();
            while let Ok(Some(chunk)) = response.chunk().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let block: String = buffer.drain(..end + 2).collect();
                    let mut event = Sse { id: None, event: "message".into(), data: Value::Null };
                    for line in block.lines() {
                        if let Some(v) = line.strip_prefix("id:") {
                            event.id = v.trim().parse().ok();
                        } else if let Some(v) = line.strip_prefix("event:") {
                            event.event = v.trim().to_string();
                        } else if let Some(v) = line.strip_prefix("data:") {
                            event.data = serde_json::from_str(v.trim()).unwrap_or(Value::Null);
                        }
                    }
                    if !block.trim().starts_with(':') && sender.send(event).is_err() {
                        return;
                    }
                }
            }
        });
        let mut listener = Listener { receiver, task };
        let ready = listener.next().await;
        assert_eq!(ready.event, "ready");
        listener
    }

    /// The next event (fails after 5 s).
    pub async fn next(&mut self) -> Sse {
        tokio::time::timeout(Duration::from_secs(5), self.receiver.recv()).await.expect("an event within 5 s").expect("stream open")
    }

    /// The next change event of this kind.
    pub async fn next_of(&mut self, kind: &str) -> Sse {
        loop {
            let e = self.next().await;
            if e.event == "change" && e.data["kind"] == kind {
                return e;
            }
        }
    }

    /// Every change event that arrives within `wait`.
    pub async fn drain(&mut self, wait: Duration) -> Vec<Sse> {
        let mut out = Vec::new();
        while let Ok(Some(e)) = tokio::time::timeout(wait, self.receiver.recv()).await {
            if e.event == "change" {
                out.push(e);
            }
        }
        out
    }
}

pub async fn events_stream_live_and_resume_with_last_event_id(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let supervisor = server.login("supervisor").await;
    let tech = server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;

    let mut wall = Listener::open(&supervisor, None).await;
    let started = std::time::Instant::now();
    let incident = client.report(site, "Plus aucune caméra ne fonctionne").await;
    let reported = wall.next_of("reported").await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(reported.data["incident_id"], incident["id"]);
    assert_eq!(reported.data["data"]["reference"], incident["reference"]);
    let last_seen = reported.id.expect("an id");
    drop(wall);

    // While the wall is away: a take-charge and an update.
    let id = incident["id"].as_i64().unwrap();
    tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    tech.post(&format!("/api/incidents/{id}/updates"), &serde_json::json!({ "message": "En route" })).await;

    // Back with Last-Event-ID: the missed events come, in order, none twice.
    let mut wall = Listener::open(&supervisor, Some(last_seen)).await;
    let missed = wall.drain(Duration::from_millis(1500)).await;
    let ids: Vec<i64> = missed.iter().map(|e| e.id.unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert!(ids.iter().all(|i| *i > last_seen));
    let kinds: Vec<&str> = missed.iter().map(|e| e.data["kind"].as_str().unwrap()).collect();
    assert!(kinds.starts_with(&["acknowledged"]), "{kinds:?}");
    assert!(kinds.contains(&"update"), "{kinds:?}");
    // And then live again.
    tech.post(&format!("/api/incidents/{id}/updates"), &serde_json::json!({ "message": "Sur place" })).await;
    let live = wall.next_of("update").await;
    assert!(live.id.unwrap() > *ids.last().unwrap());
}

pub async fn event_stream_is_isolated(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let premium = server.login("premium").await;
    let premium_site = server.site_of(&premium, "Banque Premium").await;
    let demo_site = server.site_of(&client, "Demo Client").await;
    let mut demo_stream = Listener::open(&client, None).await;
    let mut premium_stream = Listener::open(&premium, Some(0)).await;
    premium.report(premium_site, "Hall : porte bloquée ouverte").await;
    client.report(demo_site, "Affichage décalé sur le VMS").await;
    let seen = demo_stream.drain(Duration::from_millis(1500)).await;
    assert!(!seen.is_empty());
    let own = client.get("/api/me").await.json["organisation_id"].clone();
    assert!(seen.iter().all(|e| e.data["organisation_id"] == own), "{seen:?}");
    let theirs = premium_stream.drain(Duration::from_millis(500)).await;
    assert!(theirs.iter().all(|e| e.data["organisation_id"] != seen[0].data["organisation_id"]), "{theirs:?}");
    // Even replaying from the very start shows nothing of the other organisation.
    let mut replay = Listener::open(&client, Some(0)).await;
    let all = replay.drain(Duration::from_millis(800)).await;
    assert!(!all.is_empty());
    assert!(all.iter().all(|e| e.data["organisation_id"] == seen[0].data["organisation_id"]));
}
