//! The on-call rota: the administrator writes it, staff read it, and a P1 pages the
//! technician on duty — at once outside business hours, after 10 minutes unassigned in
//! them — by SMS and email, and is given to them unless somebody has it.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::harness::{Backend, Client, TestServer};
use crate::promises::{message, spooled};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

/// A server whose clock stands still at `instant` and moves only when the test moves it.
async fn frozen_at(backend: Backend, instant: &str) -> TestServer {
    let server = TestServer::start(backend).await;
    let clock = server.running.state.clock.clone();
    clock.freeze();
    clock.advance(at(instant) - clock.now());
    server
}

/// One pass of the SLA monitor, awaited.
async fn monitor(server: &TestServer) {
    vigie_server::monitor::check(&server.running.state).await.expect("monitor");
}

/// A technician with a mobile and an email, made by the administrator; their id.
async fn technician(admin: &Client) -> i64 {
    let r = admin
        .post(
            "/api/admin/users",
            &json!({
                "username": "nadia", "display_name": "Nadia Benali", "role": "technician",
                "email": "nadia.benali@mileotech.example", "phone": "+33600000042", "password": "astreinte-de-nuit",
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.json["id"].as_i64().unwrap()
}

async fn id_of(client: &Client) -> i64 {
    client.get("/api/me").await.json["id"].as_i64().unwrap()
}

async fn set_week(admin: &Client, slots: Value) -> Value {
    let r = admin.put("/api/oncall/week", &json!({ "slots": slots })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json
}

/// A P1 reported by the client in the portal; its id and reference.
async fn p1(client: &Client, site: i64) -> (i64, String) {
    let incident = client.report(site, "Plus aucune caméra ne fonctionne sur tout le site").await;
    assert_eq!(incident["priority"], "P1", "{incident}");
    (incident["id"].as_i64().unwrap(), incident["reference"].as_str().unwrap().to_string())
}

/// The events of a kind in an incident's timeline, as `who` sees it.
async fn events(who: &Client, id: i64, kind: &str) -> Vec<Value> {
    let timeline = who.get(&format!("/api/incidents/{id}/events")).await;
    assert_eq!(timeline.status, 200, "{}", timeline.text);
    timeline.json.as_array().unwrap().iter().filter(|e| e["kind"] == kind).cloned().collect()
}

async fn assignee(who: &Client, id: i64) -> Value {
    who.get(&format!("/api/incidents/{id}")).await.json["assignee"].clone()
}

/// Sunday 28 March 2027, 03:00 in Paris: the night the clocks go forward. The P1 a client
/// reports then pages the technician on duty by SMS and email and is given to them; once.
pub async fn the_technician_on_duty_gets_the_3am_p1(backend: Backend) {
    let server = frozen_at(backend, "2027-03-28T03:00:00+02:00").await;
    let (admin, client, tech) = (server.login("admin").await, server.login("client").await, server.login("tech").await);
    let nadia = technician(&admin).await;
    let karim = id_of(&tech).await;
    // Nadia has the weekend nights, Karim the days.
    let rota = set_week(
        &admin,
        json!([
            { "weekday": 6, "start": "20:00", "end": "08:00", "user_id": nadia },
            { "weekday": 7, "start": "08:00", "end": "20:00", "user_id": karim },
        ]),
    )
    .await;
    assert_eq!(rota["on_duty"]["name"], "Nadia Benali", "{rota}");
    assert_eq!(rota["time_zone"], "Europe/Paris");
    // Her night ends at 08:00 summer time, 06:00 UTC.
    assert_eq!(rota["changes"][0]["at"], "2027-03-28T06:00:00Z", "{rota}");
    assert_eq!(rota["changes"][0]["person"]["name"], "Karim Haddad");

    let site = server.site_of(&client, "Demo Client").await;
    let (id, reference) = p1(&client, site).await;
    monitor(&server).await;
    monitor(&server).await;
    let sms = message(&server, "sms", &["+33600000042", &reference, "ASTREINTE"]).await;
    assert!(sms.contains("hors heures"), "{sms}");
    let mail = message(&server, "mail", &["nadia.benali@mileotech.example", &reference]).await;
    assert!(mail.contains("Plus aucune caméra"), "{mail}");
    assert_eq!(assignee(&tech, id).await, json!({ "id": nadia, "name": "Nadia Benali" }));
    // Once, whatever the passes; staff see who was paged, the client sees who has it.
    let pages = events(&tech, id, "oncall_page").await;
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(
        (pages[0]["data"]["to"].as_str(), pages[0]["data"]["rule"].as_str()),
        (Some("Nadia Benali"), Some("outside_hours"))
    );
    assert!(events(&client, id, "oncall_page").await.is_empty());
    let assigned = events(&client, id, "assigned").await;
    assert_eq!(assigned.len(), 1, "{assigned:?}");
    assert_eq!(assigned[0]["data"]["to"], "Nadia Benali");
    let to_nadia = |channel: &str| {
        spooled(&server, channel).iter().filter(|m| m.contains(&reference) && m.contains("ASTREINTE")).count()
    };
    assert_eq!((to_nadia("sms"), to_nadia("mail")), (1, 1));
}

/// Monday 15 March 2027, 10:00 in Paris, business hours: an unassigned P1 pages the
/// technician on duty 10 minutes after its report, not before; a P1 somebody took within
/// the 10 minutes is not paged.
pub async fn an_unassigned_p1_in_business_hours_pages_after_10_minutes(backend: Backend) {
    let server = frozen_at(backend, "2027-03-15T10:00:00+01:00").await;
    let clock = server.running.state.clock.clone();
    let (admin, client, tech) = (server.login("admin").await, server.login("client").await, server.login("tech").await);
    let nadia = technician(&admin).await;
    set_week(&admin, json!([{ "weekday": 1, "start": "08:00", "end": "18:00", "user_id": nadia }])).await;
    let site = server.site_of(&client, "Demo Client").await;
    let (waiting, reference) = p1(&client, site).await;
    let (taken, _) = p1(&client, site).await;
    monitor(&server).await;
    clock.advance(TimeDelta::minutes(5));
    let karim = id_of(&tech).await;
    let r = tech.post(&format!("/api/incidents/{taken}/assign"), &json!({ "user_id": karim })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    clock.advance(TimeDelta::minutes(5) - TimeDelta::seconds(1));
    monitor(&server).await;
    assert!(events(&tech, waiting, "oncall_page").await.is_empty(), "paged before the 10 minutes");
    assert!(assignee(&tech, waiting).await.is_null());

    clock.advance(TimeDelta::seconds(1));
    monitor(&server).await;
    let pages = events(&tech, waiting, "oncall_page").await;
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(pages[0]["data"]["rule"], "unassigned");
    assert_eq!(pages[0]["at"].as_str().map(at), Some(at("2027-03-15T10:10:00+01:00")));
    message(&server, "sms", &["+33600000042", &reference, "sans responsable"]).await;
    message(&server, "mail", &["nadia.benali@mileotech.example", &reference]).await;
    assert_eq!(assignee(&tech, waiting).await["id"], nadia);
    // Taken in time: not paged, still Karim's.
    assert!(events(&tech, taken, "oncall_page").await.is_empty());
    assert_eq!(assignee(&tech, taken).await["id"], karim);
}

/// A P1 somebody already has when the page goes out (a P2 of the night taken, then raised
/// to P1): the technician on duty is paged, and the incident stays with whoever has it.
pub async fn a_p1_already_taken_is_paged_but_not_reassigned(backend: Backend) {
    let server = frozen_at(backend, "2027-03-16T23:30:00+01:00").await;
    let (admin, client, tech) = (server.login("admin").await, server.login("client").await, server.login("tech").await);
    let nadia = technician(&admin).await;
    set_week(&admin, json!([{ "weekday": 2, "start": "18:00", "end": "08:00", "user_id": nadia }])).await;
    let site = server.site_of(&client, "Demo Client").await;
    let incident = client.report(site, "Une caméra floue à l'accueil").await;
    assert_ne!(incident["priority"], "P1", "{incident}");
    let (id, reference) = (incident["id"].as_i64().unwrap(), incident["reference"].as_str().unwrap().to_string());
    let karim = id_of(&tech).await;
    assert_eq!(tech.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": karim })).await.status, 200);
    monitor(&server).await;
    assert!(events(&tech, id, "oncall_page").await.is_empty(), "only a P1 pages");
    let r = tech
        .post(
            &format!("/api/incidents/{id}/reclassify"),
            &json!({ "priority": "P1", "reason": "La caméra de l'accueil est la seule du hall des coffres" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    monitor(&server).await;
    let pages = events(&tech, id, "oncall_page").await;
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(pages[0]["data"]["to"], "Nadia Benali");
    message(&server, "sms", &["+33600000042", &reference]).await;
    assert_eq!(assignee(&tech, id).await["id"], karim);
    assert_eq!(events(&tech, id, "assigned").await.len(), 1, "only Karim's own assignment");
}

/// An exception replaces the weekly slot for its period: the P1 goes to the replacement;
/// removed, the pattern is back. A hole in the rota: the timeline says nobody is on duty
/// and the operations manager is emailed.
pub async fn an_exception_replaces_the_weekly_slot(backend: Backend) {
    let server = frozen_at(backend, "2027-03-17T02:00:00+01:00").await;
    let clock = server.running.state.clock.clone();
    let (admin, client, tech) = (server.login("admin").await, server.login("client").await, server.login("tech").await);
    let nadia = technician(&admin).await;
    let karim = id_of(&tech).await;
    set_week(&admin, json!([{ "weekday": 2, "start": "18:00", "end": "08:00", "user_id": nadia }])).await;
    // Nadia is off tonight from 00:00 to 06:00: Karim replaces her.
    let r = admin
        .post(
            "/api/oncall/exceptions",
            &json!({ "from": "2027-03-17T00:00:00+01:00", "to": "2027-03-17T06:00:00+01:00", "user_id": karim }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let exception = r.json["id"].as_i64().unwrap();
    assert_eq!(r.json["person"]["name"], "Karim Haddad");
    let rota = tech.get("/api/oncall").await;
    assert_eq!(rota.status, 200, "{}", rota.text);
    assert_eq!(rota.json["on_duty"]["name"], "Karim Haddad", "{}", rota.text);
    assert_eq!(rota.json["exceptions"][0]["id"], exception);
    assert_eq!(
        rota.json["week"][0],
        json!({ "weekday": 2, "start": "18:00", "end": "08:00", "person": { "id": nadia, "name": "Nadia Benali" } })
    );
    let changes: Vec<(String, Value)> = rota.json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|c| (c["at"].as_str().unwrap().to_string(), c["person"]["name"].clone()))
        .collect();
    assert_eq!(
        changes,
        [
            ("2027-03-17T05:00:00Z".to_string(), json!("Nadia Benali")),
            ("2027-03-17T07:00:00Z".to_string(), Value::Null),
            ("2027-03-23T17:00:00Z".to_string(), json!("Nadia Benali")),
        ]
    );

    let site = server.site_of(&client, "Demo Client").await;
    let (id, reference) = p1(&client, site).await;
    monitor(&server).await;
    message(&server, "mail", &["astreinte@mileotech.example", &reference, "ASTREINTE"]).await;
    assert_eq!(assignee(&tech, id).await["id"], karim);
    assert!(!spooled(&server, "sms").iter().any(|m| m.contains(&reference)), "Karim has no mobile: email only");

    // Removed, the pattern is back.
    let removed = crate::harness::Client::send(
        admin.request(reqwest::Method::DELETE, &format!("/api/oncall/exceptions/{exception}")),
    )
    .await;
    assert_eq!(removed.status, 204, "{}", removed.text);
    assert_eq!(tech.get("/api/oncall").await.json["on_duty"]["name"], "Nadia Benali");
    let again = crate::harness::Client::send(
        admin.request(reqwest::Method::DELETE, &format!("/api/oncall/exceptions/{exception}")),
    )
    .await;
    assert_eq!(again.status, 404);
    let audit = admin.get("/api/admin/audit").await.json;
    let entries: Vec<(String, String)> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"].as_str().is_some_and(|e| e.starts_with("oncall")))
        .map(|e| (e["entity"].as_str().unwrap().to_string(), e["action"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        entries,
        [
            ("oncall_exception".to_string(), "delete".to_string()),
            ("oncall_exception".to_string(), "create".to_string()),
            ("oncall_week".to_string(), "update".to_string()),
        ]
    );

    // At 09:00 nobody is on duty; a P1 left unassigned pages nobody: the manager is told.
    clock.advance(at("2027-03-17T09:00:00+01:00") - clock.now());
    let (id, reference) = p1(&client, site).await;
    clock.advance(TimeDelta::minutes(10));
    monitor(&server).await;
    let pages = events(&tech, id, "oncall_page").await;
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages[0]["data"]["to"].is_null(), "{pages:?}");
    message(&server, "mail", &["exploitation@mileotech.example", &reference, "personne de service"]).await;
    assert!(assignee(&tech, id).await.is_null());
}

/// Staff read the rota; only the administrator writes it; bad input is 422 naming the field.
pub async fn the_rota_is_read_by_staff_and_written_by_the_admin(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (admin, client, tech, supervisor) = (
        server.login("admin").await,
        server.login("client").await,
        server.login("tech").await,
        server.login("supervisor").await,
    );
    let anonymous = server.anonymous();
    let karim = id_of(&tech).await;
    let week = json!({ "slots": [{ "weekday": 1, "start": "18:00", "end": "08:00", "user_id": karim }] });
    let exception = json!({ "from": "2027-03-17T00:00:00+01:00", "to": "2027-03-17T06:00:00+01:00", "user_id": karim });
    let delete = |who: &Client| {
        let request = who.request(reqwest::Method::DELETE, "/api/oncall/exceptions/1");
        async move { crate::harness::Client::send(request).await.status }
    };
    assert_eq!(anonymous.get("/api/oncall").await.status, 401);
    assert_eq!(anonymous.put("/api/oncall/week", &week).await.status, 401);
    assert_eq!(anonymous.post("/api/oncall/exceptions", &exception).await.status, 401);
    assert_eq!(delete(&anonymous).await, 401);
    assert_eq!(client.get("/api/oncall").await.status, 403);
    for who in [&client, &tech, &supervisor] {
        assert_eq!(who.put("/api/oncall/week", &week).await.status, 403);
        assert_eq!(who.post("/api/oncall/exceptions", &exception).await.status, 403);
        assert_eq!(delete(who).await, 403);
    }
    assert_eq!(supervisor.get("/api/oncall").await.status, 200);
    let empty = tech.get("/api/oncall").await.json;
    assert_eq!((empty["week"].clone(), empty["on_duty"].clone()), (json!([]), Value::Null), "{empty}");

    let client_id = id_of(&client).await;
    let slot = |weekday: u8, start: &str, end: &str, user_id: i64| json!({ "weekday": weekday, "start": start, "end": end, "user_id": user_id });
    for (slots, field) in [
        (json!([slot(1, "25:00", "08:00", karim)]), "slots[0].start"),
        (json!([slot(1, "18:00", "8h", karim)]), "slots[0].end"),
        (json!([slot(1, "18:00", "18:00", karim)]), "slots[0].end"),
        (json!([slot(0, "18:00", "08:00", karim)]), "slots[0].weekday"),
        (json!([slot(1, "18:00", "08:00", karim), slot(2, "07:00", "12:00", karim)]), "slots[1].start"),
        (json!([slot(1, "18:00", "08:00", client_id)]), "slots[0].user_id"),
        (json!([slot(1, "18:00", "08:00", 999_999)]), "slots[0].user_id"),
    ] {
        let r = admin.put("/api/oncall/week", &json!({ "slots": slots })).await;
        assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{slots}: {}", r.text);
    }
    let r = admin
        .put(
            "/api/oncall/week",
            &json!({ "slots": [{ "weekday": 300, "start": "18:00", "end": "08:00", "user_id": karim }] }),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.json["field"].as_str().unwrap_or_default().contains("weekday"), "{}", r.text);
    for (body, field) in [
        (json!({ "from": "2027-03-17T06:00:00+01:00", "to": "2027-03-17T00:00:00+01:00", "user_id": karim }), "to"),
        (json!({ "from": "demain", "to": "2027-03-17T06:00:00+01:00", "user_id": karim }), "from"),
        (
            json!({ "from": "2027-03-17T00:00:00+01:00", "to": "2027-03-17T06:00:00+01:00", "user_id": client_id }),
            "user_id",
        ),
    ] {
        let r = admin.post("/api/oncall/exceptions", &body).await;
        assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{body}: {}", r.text);
    }
    // Nothing refused was kept.
    assert_eq!(tech.get("/api/oncall").await.json["week"], json!([]));
    assert_eq!(admin.put("/api/oncall/week", &week).await.status, 200);
    assert_eq!(tech.get("/api/oncall").await.json["week"][0]["person"]["name"], "Karim Haddad");
}
