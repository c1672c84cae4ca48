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
    /// Once the stream is over: whether it ended as a stream should (the last chunk), not
    /// by a connection cut.
    clean_end: std::sync::Arc<std::sync::Mutex<Option<bool>>>,
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
        let clean_end = std::sync::Arc::new(std::sync::Mutex::new(None));
        let end = clean_end.clone();
        let task = tokio::spawn(async move {
            let mut response = response;
            let mut buffer = String::new();
            loop {
                let chunk = match response.chunk().await {
                    Ok(Some(chunk)) => chunk,
                    Ok(None) => {
                        *end.lock().unwrap() = Some(true);
                        break;
                    }
                    Err(_) => {
                        *end.lock().unwrap() = Some(false);
                        break;
                    }
                };
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
        let mut listener = Listener { receiver, task, clean_end };
        let ready = listener.next().await;
        assert_eq!(ready.event, "ready");
        listener
    }

    /// The next event (fails after 30 s: a deadline for a busy machine, not a measure).
    pub async fn next(&mut self) -> Sse {
        tokio::time::timeout(Duration::from_secs(30), self.receiver.recv())
            .await
            .expect("an event within 30 s")
            .expect("stream open")
    }

    /// The next event, or `None` when the stream ended (fails after 30 s).
    pub async fn next_or_end(&mut self) -> Option<Sse> {
        tokio::time::timeout(Duration::from_secs(30), self.receiver.recv())
            .await
            .expect("an event or the end within 30 s")
    }

    /// Waits for the end of the stream (at most 30 s), skipping events; asserts it ended
    /// cleanly, and returns the events it skipped.
    pub async fn end(&mut self) -> Vec<Sse> {
        let mut skipped = Vec::new();
        while let Some(e) = self.next_or_end().await {
            skipped.push(e);
        }
        assert_eq!(*self.clean_end.lock().unwrap(), Some(true), "the stream was cut, not ended");
        skipped
    }

    /// Every change event up to and including the first that `last` says is the last.
    pub async fn until(&mut self, last: impl Fn(&Sse) -> bool) -> Vec<Sse> {
        let mut out = Vec::new();
        loop {
            let e = self.next().await;
            if e.event != "change" {
                continue;
            }
            let done = last(&e);
            out.push(e);
            if done {
                return out;
            }
        }
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
}

pub async fn events_stream_live_and_resume_with_last_event_id(backend: Backend) {
    let server = TestServer::start(backend).await;
    // The broadcaster also reads the table every second in case a wake-up is lost: made
    // rare here, an event that arrives at all was pushed by the change itself.
    server.running.state.events.poll_every(Duration::from_secs(3600));
    let client = server.login("client").await;
    let supervisor = server.login("supervisor").await;
    let tech = server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;

    let mut wall = Listener::open(&supervisor, None).await;
    let incident = client.report(site, "Plus aucune caméra ne fonctionne").await;
    let reported = wall.next_of("reported").await;
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
    let missed = wall.until(|e| e.data["kind"] == "update").await;
    let ids: Vec<i64> = missed.iter().map(|e| e.id.unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert!(ids.iter().all(|i| *i > last_seen));
    let kinds: Vec<&str> = missed.iter().map(|e| e.data["kind"].as_str().unwrap()).collect();
    assert!(kinds.starts_with(&["acknowledged"]), "{kinds:?}");
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
    let theirs = premium.report(premium_site, "Hall : porte bloquée ouverte").await;
    let mine = client.report(demo_site, "Affichage décalé sur le VMS").await;
    // Events come in id order: had the bank's report leaked, it would come before the
    // client's own.
    let seen = demo_stream.until(|e| e.data["incident_id"] == mine["id"] && e.data["kind"] == "reported").await;
    let own = client.get("/api/me").await.json["organisation_id"].clone();
    assert!(seen.iter().all(|e| e.data["organisation_id"] == own), "{seen:?}");
    let bank = premium.get("/api/me").await.json["organisation_id"].clone();
    let seen = premium_stream.until(|e| e.data["incident_id"] == theirs["id"] && e.data["kind"] == "reported").await;
    assert!(seen.iter().all(|e| e.data["organisation_id"] == bank), "{seen:?}");
    // Even replaying from the very start shows nothing of the other organisation.
    let mut replay = Listener::open(&client, Some(0)).await;
    let all = replay.until(|e| e.data["incident_id"] == mine["id"] && e.data["kind"] == "reported").await;
    assert!(all.iter().all(|e| e.data["organisation_id"] == own), "{all:?}");
}

pub async fn events_committed_out_of_order_all_reach_the_stream(backend: Backend) {
    let server = TestServer::start(backend).await;
    let state = server.running.state.clone();
    let supervisor = server.login("supervisor").await;
    let mut wall = Listener::open(&supervisor, None).await;
    let note = |tx: &'static str| serde_json::json!({ "tx": tx });
    // A appends an event and stays open; B appends one and commits.
    let mut a = state.db.begin().await.expect("A begins");
    vigie_server::events::append(
        &mut a,
        None,
        None,
        vigie_api::EventKind::from("note"),
        state.clock.now(),
        None,
        note("A"),
    )
    .await
    .expect("A appends");
    let b = tokio::spawn({
        let state = state.clone();
        async move {
            let mut b = state.db.begin().await.expect("B begins");
            vigie_server::events::append(
                &mut b,
                None,
                None,
                vigie_api::EventKind::from("note"),
                state.clock.now(),
                None,
                note("B"),
            )
            .await
            .expect("B appends");
            b.commit().await.expect("B commits");
            state.changed().await;
        }
    });
    // Had B numbered its event after A's and committed first, the broadcaster would have
    // gone past A's: B waits for A instead (give it a moment to try).
    let mut b = b;
    let b_finished_first = tokio::time::timeout(Duration::from_secs(1), &mut b).await.is_ok();
    a.commit().await.expect("A commits");
    state.changed().await;
    if !b_finished_first {
        b.await.expect("B");
    }
    let mut seen = Vec::new();
    while seen.len() < 2 {
        let e = wall.next_of("note").await;
        seen.push(e.data["data"]["tx"].as_str().unwrap().to_string());
    }
    assert_eq!(seen, ["A", "B"]);
}
