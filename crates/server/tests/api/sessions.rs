//! Event streams last as long as their session, and a reconnecting stream replays a
//! bounded number of events.

use chrono::TimeDelta;
use serde_json::json;

use crate::harness::{Backend, TestServer};
use crate::stream::Listener;

pub async fn streams_end_with_their_session(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = server.login("admin").await;
    let users = admin.get("/api/admin/users").await.json;
    let id_of =
        |name: &str| users.as_array().unwrap().iter().find(|u| u["username"] == name).unwrap()["id"].as_i64().unwrap();

    // Logout.
    let client = server.login("client").await;
    let mut stream = Listener::open(&client, None).await;
    assert_eq!(client.post_empty("/api/logout").await.status, 204);
    stream.end().await;

    // Deactivation.
    let supervisor = server.login("supervisor").await;
    let mut stream = Listener::open(&supervisor, None).await;
    assert_eq!(admin.post_empty(&format!("/api/admin/users/{}/deactivate", id_of("supervisor"))).await.status, 200);
    stream.end().await;

    // A new password.
    let tech = server.login("tech").await;
    let mut stream = Listener::open(&tech, None).await;
    assert_eq!(
        admin
            .put(
                &format!("/api/admin/users/{}/password", id_of("tech")),
                &json!({ "password": "un tout autre mot de passe" })
            )
            .await
            .status,
        204
    );
    stream.end().await;

    // Expiry, on the server's clock: nothing tells the stream but its periodic look.
    let premium = server.login("premium").await;
    let mut stream = Listener::open(&premium, None).await;
    server.running.state.clock.advance(TimeDelta::days(vigie_server::auth::SESSION_DAYS) + TimeDelta::minutes(1));
    stream.end().await;
    // Every session is as old: the administrator's expired too.
    assert_eq!(admin.get("/api/me").await.status, 401);
}

pub async fn replay_is_bounded_and_filtered_by_the_database(backend: Backend) {
    let server = TestServer::start(backend).await;
    let state = server.running.state.clone();
    let client = server.login("client").await;
    let supervisor = server.login("supervisor").await;
    let own: i64 = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    let premium = server.login("premium").await;
    let other: i64 = premium.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    // 1,500 events of the other organisation, then 5 of the client's.
    let mut tx = state.db.begin().await.unwrap();
    let now = state.clock.now();
    for n in 0..1505 {
        let organisation = if n < 1500 { other } else { own };
        vigie_server::events::append(
            &mut tx,
            None,
            Some(organisation),
            vigie_api::EventKind::from("note"),
            now,
            None,
            json!({ "n": n }),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    // The client replays from the start: its 5, though 1,500 others came first (a filter
    // after the bound would have shown it none of them).
    let mut stream = Listener::open(&client, Some(0)).await;
    let mine = stream.until(|e| e.data["data"]["n"] == 1504).await;
    assert_eq!(mine.len(), 5, "{mine:?}");
    assert!(mine.iter().all(|e| e.data["organisation_id"] == own));

    // Staff replay from the start: 1,000 events, then `lagged` with the present as the
    // place to resume from, then the end (the browser reconnects and reloads).
    let mut stream = Listener::open(&supervisor, Some(0)).await;
    let mut replayed = Vec::new();
    let lagged = loop {
        let e = stream.next().await;
        match e.event.as_str() {
            "change" => replayed.push(e),
            "lagged" => break e,
            other => panic!("unexpected {other}"),
        }
    };
    assert_eq!(replayed.len(), vigie_server::events::REPLAY_MAX as usize);
    let ids: Vec<i64> = replayed.iter().map(|e| e.id.unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let present = sqlx::query("SELECT MAX(id) AS id FROM events").fetch_one(state.db.pool()).await.unwrap();
    let present: i64 = sqlx::Row::try_get(&present, "id").unwrap();
    assert!(lagged.id.unwrap() >= *ids.last().unwrap());
    assert!(lagged.id.unwrap() <= present);
    stream.end().await;
    // Resuming from beyond the newest event (a database restored or replaced): `lagged`
    // with the newest as the place to resume from, and the end, rather than a stream that
    // stays silent until the ids catch up.
    let mut stream = Listener::open(&supervisor, Some(present + 1000)).await;
    let e = stream.next().await;
    assert_eq!((e.event.as_str(), e.id), ("lagged", Some(present)), "{e:?}");
    stream.end().await;
    // Resuming from where `lagged` said: nothing to replay, the stream stays.
    let mut stream = Listener::open(&supervisor, Some(present)).await;
    let site = server.site_of(&client, "Demo Client").await;
    let incident = client.report(site, "Badgeuse HS").await;
    let next = stream.next_of("reported").await;
    assert_eq!(next.data["incident_id"], incident["id"]);
}
