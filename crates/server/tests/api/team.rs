//! An incident's owner: staff take it or assign it to one another, each change in the
//! timeline; the list filters mine and nobody's; a client assigns nothing.

use serde_json::json;

use crate::harness::{Backend, TestServer};

pub async fn incidents_are_taken_assigned_and_filtered_by_owner(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, tech, supervisor) =
        (server.login("client").await, server.login("tech").await, server.login("supervisor").await);
    let site = server.site_of(&client, "Demo Client").await;
    let id = client
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "Plus aucune caméra ne fonctionne sur tout le site" }),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    let other = client
        .post("/api/incidents", &json!({ "site_id": site, "description": "Une caméra floue à l'accueil" }))
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    assert!(client.get(&format!("/api/incidents/{id}")).await.json["assignee"].is_null());

    // The team, for the assignment list: staff only.
    let staff = tech.get("/api/staff").await;
    assert_eq!(staff.status, 200, "{}", staff.text);
    let me = tech.get("/api/me").await.json;
    assert!(
        staff.json.as_array().unwrap().iter().any(|m| m["id"] == me["id"] && m["role"] == "technician"),
        "{}",
        staff.text
    );
    assert!(staff.json.as_array().unwrap().iter().all(|m| m["role"] != "client"), "{}", staff.text);
    assert_eq!(client.get("/api/staff").await.status, 403);

    // "I take it".
    let taken = tech.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": me["id"] })).await;
    assert_eq!(taken.status, 200, "{}", taken.text);
    assert_eq!(taken.json["assignee"], json!({ "id": me["id"], "name": me["display_name"] }));
    // Mine and nobody's.
    let ids = |list: serde_json::Value| {
        list.as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>()
    };
    let mine = ids(tech.get("/api/incidents?assignee=me").await.json);
    assert!(mine.contains(&id) && !mine.contains(&other), "{mine:?}");
    let nobody = ids(tech.get("/api/incidents?assignee=none").await.json);
    assert!(nobody.contains(&other) && !nobody.contains(&id), "{nobody:?}");
    assert_eq!(tech.get("/api/incidents?assignee=someone").await.json["field"], "assignee");

    // The supervisor hands it to himself, then to nobody; each change is in the timeline.
    let boss = supervisor.get("/api/me").await.json;
    assert_eq!(
        supervisor.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": boss["id"] })).await.status,
        200
    );
    assert_eq!(supervisor.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": null })).await.status, 200);
    let timeline = client.get(&format!("/api/incidents/{id}/events")).await.json;
    let owners: Vec<serde_json::Value> = timeline
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "assigned")
        .map(|e| e["data"]["to"].clone())
        .collect();
    assert_eq!(owners, [me["display_name"].clone(), boss["display_name"].clone(), serde_json::Value::Null]);

    // Refused: a client's account, someone unknown, the same owner again, a client acting.
    let client_id = client.get("/api/me").await.json["id"].clone();
    for (body, status) in [
        (json!({ "user_id": client_id }), 422),
        (json!({ "user_id": 999_999 }), 422),
        (json!({ "user_id": null }), 409),
    ] {
        let r = tech.post(&format!("/api/incidents/{id}/assign"), &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text);
    }
    assert_eq!(client.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": null })).await.status, 403);
}

/// The client and the staff write to each other on an incident, live; the team's internal
/// notes reach neither the client's timeline nor its event stream; a staff message is
/// emailed to the reporter.
pub async fn client_and_staff_talk_and_internal_notes_stay_internal(backend: Backend) {
    use crate::notifications::{config, SmsGateway, SmtpServer};
    let dir = crate::harness::temp_dir("messages");
    let mut smtp = SmtpServer::start(&dir).await;
    let gateway = SmsGateway::start(0).await;
    let database_url = crate::harness::fresh_database(backend, &dir).await;
    let server = TestServer::start_on(dir.clone(), database_url, config(&dir, smtp.port, &gateway)).await;
    let (client, tech, premium) =
        (server.login("client").await, server.login("tech").await, server.login("premium").await);
    let site = server.site_of(&client, "Demo Client").await;
    let incident = client
        .post("/api/incidents", &json!({ "site_id": site, "description": "Le lecteur de badge du hall ne lit plus" }))
        .await
        .json;
    let id = incident["id"].as_i64().unwrap();
    let path = format!("/api/incidents/{id}/messages");
    let mut watching = crate::stream::Listener::open(&client, None).await;

    // The client adds a word; staff answer; staff note something for the team only.
    assert_eq!(client.post(&path, &json!({ "text": "Le badge de Paul est refusé aussi." })).await.status, 201);
    let note =
        tech.post(&path, &json!({ "text": "Contrôleur du hall à remplacer, pièce commandée", "internal": true })).await;
    assert_eq!(note.status, 201, "{}", note.text);
    assert_eq!(
        (note.json["internal"].clone(), note.json["role"].clone()),
        (json!(true), json!("technician")),
        "{}",
        note.text
    );
    let answer = tech.post(&path, &json!({ "text": "Un technicien passe à 14 h avec un lecteur neuf." })).await;
    assert_eq!(answer.status, 201, "{}", answer.text);

    // Live on the client's stream: both messages, never the note.
    let seen = watching
        .until(|e| e.data["kind"] == "message" && e.data["data"]["text"].as_str().is_some_and(|t| t.contains("14 h")))
        .await;
    assert!(seen.iter().all(|e| e.data["kind"] != "internal_note"), "{seen:?}");
    // The client's timeline has both messages with who wrote them, not the note; staff see all.
    let texts = |timeline: serde_json::Value| {
        timeline
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["data"]["text"].as_str().map(str::to_string))
            .collect::<Vec<_>>()
    };
    let for_client = texts(client.get(&format!("/api/incidents/{id}/events")).await.json);
    assert_eq!(for_client, ["Le badge de Paul est refusé aussi.", "Un technicien passe à 14 h avec un lecteur neuf."]);
    let for_staff = texts(tech.get(&format!("/api/incidents/{id}/events")).await.json);
    assert_eq!(for_staff.len(), 3, "{for_staff:?}");
    // The staff's message reaches the reporter by email.
    let reference = incident["reference"].as_str().unwrap().to_string();
    smtp.wait_until("the staff's message by email", |mails| {
        mails.iter().any(|m| m["subject"].as_str().unwrap_or_default().contains(&reference))
    })
    .await;
    let mail = smtp
        .with_subject(&reference)
        .into_iter()
        .find(|m| m["subject"].as_str().unwrap_or_default().contains("message"))
        .expect("the message email");
    assert_eq!(mail["rcpt_tos"][0], "julie.martin@demo-client.example");
    assert!(mail["body"].as_str().unwrap_or_default().contains("lecteur neuf"), "{mail}");
    assert!(!mail["body"].as_str().unwrap_or_default().contains("pièce commandée"));

    // The conversation as a list: who, in which role, what, when; the note for staff only.
    let listed = client.get(&path).await.json;
    let authors: Vec<(&str, &str, bool)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["role"].as_str().unwrap(), m["text"].as_str().unwrap(), m["internal"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        authors,
        [
            ("client", "Le badge de Paul est refusé aussi.", false),
            ("technician", "Un technicien passe à 14 h avec un lecteur neuf.", false)
        ]
    );
    let for_team = tech.get(&path).await.json;
    assert_eq!(for_team.as_array().unwrap().iter().filter(|m| m["internal"] == true).count(), 1, "{for_team}");
    assert_eq!(premium.get(&path).await.status, 404);

    // Refused: a client's internal note, an empty text, another organisation's incident.
    assert_eq!(client.post(&path, &json!({ "text": "x", "internal": true })).await.status, 403);
    assert_eq!(client.post(&path, &json!({ "text": "  " })).await.json["field"], "text");
    assert_eq!(premium.post(&path, &json!({ "text": "bonjour" })).await.status, 404);
}

pub async fn the_client_confirms_or_reopens_the_fix_then_rates_it_once(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, tech, premium) =
        (server.login("client").await, server.login("tech").await, server.login("premium").await);
    let site = server.site_of(&client, "Demo Client").await;
    let id = client
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "Le lecteur de badge du hall ne lit plus les badges" }),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    let path = |action: &str| format!("/api/incidents/{id}/{action}");
    let resolution = json!({ "root_cause": "Lecteur débranché", "actions": "Rebranché", "security_data_impact": "Aucun", "personal_data_lost": false });
    // Nothing to confirm before a resolution; the staff never answer for the client.
    assert_eq!(client.post_empty(&path("confirm")).await.status, 409);
    assert_eq!(tech.post(&path("acknowledge"), &json!({})).await.status, 200);
    let resolved = tech.post(&path("resolve"), &resolution).await;
    assert_eq!(resolved.status, 200, "{}", resolved.text);
    assert!(resolved.json["closes_at"].is_string(), "the client is told when it closes by itself: {}", resolved.json);
    assert_eq!(tech.post_empty(&path("confirm")).await.status, 403);
    assert_eq!(premium.post_empty(&path("confirm")).await.status, 404);
    assert_eq!(client.post(&path("reopen"), &json!({ "reason": "  " })).await.json["field"], "reason");
    assert_eq!(client.post(&path("satisfaction"), &json!({ "score": 5 })).await.status, 409, "not closed yet");

    // The fix does not hold: back to work, the client updates counted from the reopening.
    let reopened = client.post(&path("reopen"), &json!({ "reason": "Le lecteur refuse encore les badges" })).await;
    assert_eq!(reopened.status, 200, "{}", reopened.text);
    assert_eq!(reopened.json["status"], "acknowledged");
    assert!(reopened.json["resolved_at"].is_null() && reopened.json["reopened_at"].is_string());
    assert!(reopened.json["closes_at"].is_null());
    assert_eq!(client.post_empty(&path("confirm")).await.status, 409, "nothing to confirm while it is worked on");
    let kinds = |events: serde_json::Value| -> Vec<String> {
        let kind = |e: &serde_json::Value| e["kind"].as_str().unwrap().to_string();
        // What happened to the incident, not the notices it caused.
        events.as_array().unwrap().iter().map(kind).filter(|k| !k.starts_with("notification_")).collect()
    };
    let timeline = kinds(client.get(&path("events")).await.json);
    assert!(timeline.ends_with(&["resolved".to_string(), "reopened".to_string()]), "{timeline:?}");

    // Resolved again and confirmed: closed, and the closure asks the client's opinion.
    assert_eq!(tech.post(&path("resolve"), &resolution).await.status, 200);
    let confirmed = client.post_empty(&path("confirm")).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.text);
    assert_eq!(confirmed.json["status"], "closed");
    assert!(confirmed.json["closes_at"].is_null());
    assert_eq!(client.post(&path("reopen"), &json!({ "reason": "encore" })).await.status, 409, "closed");
    assert_eq!(client.post(&path("satisfaction"), &json!({ "score": 6 })).await.json["field"], "score");
    assert_eq!(premium.post(&path("satisfaction"), &json!({ "score": 1 })).await.status, 404);
    assert_eq!(tech.post(&path("satisfaction"), &json!({ "score": 5 })).await.status, 403);
    let rated = client.post(&path("satisfaction"), &json!({ "score": 4, "comment": "Rapide, merci" })).await;
    assert_eq!(rated.status, 200, "{}", rated.text);
    assert_eq!(rated.json["satisfaction"]["score"], 4);
    assert_eq!(rated.json["satisfaction"]["comment"], "Rapide, merci");
    assert_eq!(client.post(&path("satisfaction"), &json!({ "score": 1 })).await.status, 409, "once");
    let timeline = kinds(tech.get(&path("events")).await.json);
    assert!(timeline.ends_with(&["confirmed".to_string(), "rated".to_string()]), "{timeline:?}");

    // The month's report: one reopening, one answer of 4; the words for the staff only.
    let organisation = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    let reported_at = confirmed.json["reported_at"].as_str().unwrap().to_string();
    let paris = chrono::DateTime::parse_from_rfc3339(&reported_at).unwrap().with_timezone(&chrono_tz::Europe::Paris);
    let month = paris.format("%Y-%m").to_string();
    let report = |who: &crate::harness::Client| {
        let who = who.clone();
        let url = format!("/api/reports/sla?organisation={organisation}&month={month}");
        async move { who.get(&url).await.json }
    };
    let for_staff = report(&tech).await;
    assert_eq!(for_staff["reopened"], 1, "{for_staff}");
    assert_eq!(for_staff["satisfaction"]["count"], 1);
    assert_eq!(for_staff["satisfaction"]["average"], 4.0);
    assert_eq!(for_staff["satisfaction"]["comments"][0]["comment"], "Rapide, merci");
    let for_client = report(&client).await;
    assert_eq!(for_client["satisfaction"]["average"], 4.0);
    assert_eq!(for_client["satisfaction"]["comments"], json!([]));
}

pub async fn a_resolution_left_unanswered_closes_by_itself(backend: Backend) {
    let server = TestServer::start(backend).await;
    let clock = server.running.state.clock.clone();
    clock.freeze();
    let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    clock.advance(at("2027-03-15T10:00:00+01:00") - clock.now());
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let id = client
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "L'écran du poste de garde affiche la date en anglais" }),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    let path = |action: &str| format!("/api/incidents/{id}/{action}");
    assert_eq!(tech.post(&path("acknowledge"), &json!({})).await.status, 200);
    let resolution = json!({ "root_cause": "Langue du poste", "actions": "Remise en français", "security_data_impact": "Aucun", "personal_data_lost": false });
    let resolved = tech.post(&path("resolve"), &resolution).await.json;
    // Resolved on Monday 15 March: five business days end on Monday 22 March at 18:00.
    assert_eq!(resolved["closes_at"], json!(at("2027-03-22T18:00:00+01:00")));
    clock.advance(at("2027-03-22T17:59:00+01:00") - clock.now());
    vigie_server::monitor::check(&server.running.state).await.expect("monitor");
    assert_eq!(tech.get(&format!("/api/incidents/{id}")).await.json["status"], "resolved");
    clock.advance(at("2027-03-22T18:00:00+01:00") - clock.now());
    let (a, b) = tokio::join!(
        vigie_server::monitor::check(&server.running.state),
        vigie_server::monitor::check(&server.running.state)
    );
    a.expect("monitor");
    b.expect("monitor");
    let closed = tech.get(&format!("/api/incidents/{id}")).await.json;
    assert_eq!(closed["status"], "closed", "{closed}");
    let events = tech.get(&path("events")).await.json;
    let closings: Vec<_> = events.as_array().unwrap().iter().filter(|e| e["kind"] == "closed").collect();
    assert_eq!(closings.len(), 1, "closed once: {events}");
    assert_eq!(closings[0]["data"]["automatic"], true);
    // The client may still give its opinion.
    assert_eq!(client.post(&path("satisfaction"), &json!({ "score": 3 })).await.status, 200);
}
