//! The events that stop, start or restart the promises of the procedure, as the desk records
//! them: dispatch and arrival, the on-site need, a planned P3 intervention, reclassification,
//! data loss and the GDPR notice, the notices the client gets, technical reviews and type
//! corrections.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

use crate::harness::{Backend, Client, TestServer};
use crate::notifications::eventually;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

const DEADLINE: std::time::Duration = std::time::Duration::from_secs(30);

/// Monday 15 March 2027, 10:00 in Paris, a business morning; the server's clock stands
/// still there and only moves when a test moves it.
async fn monday_morning(backend: Backend) -> TestServer {
    let server = TestServer::start(backend).await;
    let clock = server.running.state.clock.clone();
    clock.freeze();
    clock.advance(at("2027-03-15T10:00:00+01:00") - clock.now());
    server
}

/// One pass of the SLA monitor, awaited.
async fn monitor(server: &TestServer) {
    vigie_server::monitor::check(&server.running.state).await.expect("monitor");
}

fn clock_of<'a>(incident: &'a Value, kind: &str) -> &'a Value {
    incident["clocks"]
        .as_array()
        .expect("clocks")
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} clock in {incident}"))
}

/// The messages spooled so far (`mail` or `sms`), as text.
pub fn spooled(server: &TestServer, channel: &str) -> Vec<String> {
    let dir = server.dir.join("spool").join(channel);
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect())
        .unwrap_or_default()
}

/// Waits for a spooled message that contains every needle; returns it.
pub async fn message(server: &TestServer, channel: &str, needles: &[&str]) -> String {
    let what = format!("a {channel} with {needles:?}");
    eventually(&what, DEADLINE, || {
        std::future::ready(spooled(server, channel).into_iter().find(|m| needles.iter().all(|n| m.contains(n))))
    })
    .await
}

async fn act(tech: &Client, id: i64, action: &str, body: Value) -> Value {
    let r = tech.post(&format!("/api/incidents/{id}/{action}"), &body).await;
    assert_eq!(r.status, 200, "{action}: {}", r.text);
    r.json
}

pub async fn p1_dispatch_keeps_the_on_site_promise_and_the_arrival_is_shown_beside_it(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let p1 = client.report(site, "Plus aucune caméra ne fonctionne sur le site").await;
    assert_eq!(p1["priority"], "P1");
    let id = p1["id"].as_i64().unwrap();
    assert_eq!(clock_of(&p1, "on_site")["state"], "not_applicable", "nobody said a technician must go");
    act(&tech, id, "acknowledge", json!({})).await;
    // Decided during the take-charge call: the on-site clock appears, counted from the report.
    let r = tech.post(&format!("/api/incidents/{id}/on-site-needed"), &json!({ "needed": true, "reason": "" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("reason")));
    let client_try =
        client.post(&format!("/api/incidents/{id}/on-site-needed"), &json!({ "needed": true, "reason": "x" })).await;
    assert_eq!(client_try.status, 403);
    let needed =
        act(&tech, id, "on-site-needed", json!({ "needed": true, "reason": "Enregistreur à redémarrer sur place" }))
            .await;
    let on_site = clock_of(&needed, "on_site");
    assert_eq!(on_site["state"], "running");
    assert_eq!(on_site["due"], "2027-03-15T13:00:00Z", "4 hours after the report (Standard contract)");
    // Dispatched after 3 h: the promise is kept, whenever the technician arrives.
    clock.advance(TimeDelta::hours(3));
    let dispatched = act(&tech, id, "dispatch", json!({ "note": "Karim part de l'agence" })).await;
    assert_eq!(clock_of(&dispatched, "on_site")["state"], "met");
    assert_eq!(dispatched["dispatched_at"], "2027-03-15T12:00:00Z");
    assert_eq!(dispatched["on_site_at"], Value::Null);
    assert_eq!(tech.post_empty(&format!("/api/incidents/{id}/dispatch")).await.status, 409, "dispatched once");
    clock.advance(TimeDelta::hours(2));
    let arrived = act(&tech, id, "on-site", json!({})).await;
    assert_eq!(arrived["on_site_at"], "2027-03-15T14:00:00Z");
    let kept = clock_of(&arrived, "on_site");
    assert_eq!(
        (kept["state"].as_str(), kept["late_by_seconds"].as_i64()),
        (Some("met"), Some(0)),
        "arrival after the deadline breaks nothing"
    );
    // The client sees both, and the timeline says why the need changed.
    let seen = client.get(&format!("/api/incidents/{id}")).await.json;
    assert_eq!(
        (seen["dispatched_at"].as_str(), seen["on_site_at"].as_str()),
        (Some("2027-03-15T12:00:00Z"), Some("2027-03-15T14:00:00Z"))
    );
    let events = client.get(&format!("/api/incidents/{id}/events")).await.json;
    let kinds: Vec<&str> = events.as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(["on_site_needed", "dispatched", "on_site"].iter().all(|k| kinds.contains(k)), "{kinds:?}");
    // The need cleared later: the clock is gone; no alert for a promise nobody made.
    let other = client.report(site, "Plus aucune caméra ne fonctionne sur le site").await["id"].as_i64().unwrap();
    act(&tech, other, "on-site-needed", json!({ "needed": true, "reason": "À voir" })).await;
    let cleared =
        act(&tech, other, "on-site-needed", json!({ "needed": false, "reason": "Redémarré à distance" })).await;
    assert_eq!(clock_of(&cleared, "on_site")["state"], "not_applicable");
}

pub async fn a_p3_intervention_is_planned_told_and_reached(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let p3 = client.report(site, "L'interface du VMS est lente à afficher les vues").await;
    assert_eq!(p3["priority"], "P3");
    let id = p3["id"].as_i64().unwrap();
    act(&tech, id, "acknowledge", json!({})).await;
    // No intervention needed yet: nothing to plan.
    let r = tech
        .post(&format!("/api/incidents/{id}/plan-intervention"), &json!({ "planned_for": "2027-03-17T14:00:00+01:00" }))
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
    let needed =
        act(&tech, id, "on-site-needed", json!({ "needed": true, "reason": "Poste client à remplacer" })).await;
    let due = clock_of(&needed, "intervention_planned")["due"].as_str().unwrap().to_string();
    assert_eq!(due, "2027-03-22T17:00:00Z", "the end of the 5th business day after the report");
    // Bad dates: in the past, or after the deadline without a reason.
    let r = tech
        .post(&format!("/api/incidents/{id}/plan-intervention"), &json!({ "planned_for": "2027-03-14T14:00:00+01:00" }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("planned_for")), "{}", r.text);
    let r = tech
        .post(&format!("/api/incidents/{id}/plan-intervention"), &json!({ "planned_for": "2027-03-24T09:00:00+01:00" }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("reason")), "{}", r.text);
    let r = tech.post(&format!("/api/incidents/{id}/plan-intervention"), &json!({ "planned_for": "demain" })).await;
    assert_eq!(r.status, 422, "{}", r.text);
    // Planned for Wednesday: shown to the client, emailed to the technical contact.
    let planned = act(&tech, id, "plan-intervention", json!({ "planned_for": "2027-03-17T14:00:00+01:00" })).await;
    assert_eq!(planned["intervention_planned_for"], "2027-03-17T13:00:00Z");
    assert_eq!(
        clock_of(&planned, "intervention_planned")["state"],
        "running",
        "planning is not the promise, the arrival is"
    );
    assert_eq!(
        client.get(&format!("/api/incidents/{id}")).await.json["intervention_planned_for"],
        "2027-03-17T13:00:00Z"
    );
    let mail =
        message(&server, "mail", &["Intervention planifiée", "julie.martin@demo-client.example", "17/03/2027 14:00"])
            .await;
    assert!(!mail.contains("direction@"), "{mail}");
    // Wednesday, the technician arrives: the promise is kept.
    clock.advance(at("2027-03-17T14:10:00+01:00") - clock.now());
    let reached = act(&tech, id, "on-site", json!({})).await;
    let c = clock_of(&reached, "intervention_planned");
    assert_eq!((c["state"].as_str(), c["late_by_seconds"].as_i64()), (Some("met"), Some(0)));

    // Another P3 planned, at the client's request, after its deadline: at risk from the
    // planning, and the operations manager alerted once.
    let late = client.report(site, "L'interface du VMS est lente à afficher les vues").await["id"].as_i64().unwrap();
    act(&tech, late, "acknowledge", json!({})).await;
    act(&tech, late, "on-site-needed", json!({ "needed": true, "reason": "Poste à remplacer" })).await;
    let planned = act(
        &tech,
        late,
        "plan-intervention",
        json!({ "planned_for": "2027-04-05T09:00:00+02:00", "reason": "Le client ferme le site jusqu'au 2 avril" }),
    )
    .await;
    assert_eq!(clock_of(&planned, "intervention_planned")["state"], "at_risk");
    assert_eq!(planned["intervention_plan_reason"], "Le client ferme le site jusqu'au 2 avril");
    monitor(&server).await;
    clock.advance(TimeDelta::hours(1));
    monitor(&server).await;
    let events = tech.get(&format!("/api/incidents/{late}/events")).await.json;
    let alerts: Vec<&Value> = events.as_array().unwrap().iter().filter(|e| e["kind"] == "alert").collect();
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!(
        (alerts[0]["data"]["clock"].as_str(), alerts[0]["data"]["level"].as_str()),
        (Some("intervention_planned"), Some("at_risk"))
    );
}

pub async fn reclassification_counts_from_its_instant_keeps_breaches_and_tells_the_client(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let organisation = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    // A P3 raised to P1 two hours after the report: take charge due an hour later.
    let id = client.report(site, "L'interface du VMS est lente à afficher les vues").await["id"].as_i64().unwrap();
    clock.advance(TimeDelta::hours(2));
    let r = tech.post(&format!("/api/incidents/{id}/reclassify"), &json!({ "priority": "P1", "reason": "" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("reason")));
    let raised =
        act(&tech, id, "reclassify", json!({ "priority": "P1", "reason": "Le client ne voit plus aucune caméra" }))
            .await;
    let take_charge = clock_of(&raised, "take_charge");
    assert_eq!(
        (take_charge["state"].as_str(), take_charge["due"].as_str()),
        (Some("running"), Some("2027-03-15T12:00:00Z"))
    );
    assert_eq!(raised["priority_changes"][0]["from"], "P3");
    // Told by email and SMS, the management too since the incident is now a P1.
    let mail = message(
        &server,
        "mail",
        &["Priorité passée de P3 à P1", "direction@demo-client.example", "Le client ne voit plus aucune caméra"],
    )
    .await;
    assert!(mail.contains("à partir de ce changement"), "{mail}");
    message(&server, "sms", &["Priorité passée de P3 à P1", "+33698765432"]).await;

    // A P1 whose take charge is breached, then lowered to P3: the breach stays on record.
    let p1 = client.report(site, "Plus aucune caméra ne fonctionne sur le site").await["id"].as_i64().unwrap();
    clock.advance(TimeDelta::minutes(90));
    monitor(&server).await;
    let events = tech.get(&format!("/api/incidents/{p1}/events")).await.json;
    assert!(
        events.as_array().unwrap().iter().any(|e| e["kind"] == "alert" && e["data"]["level"] == "breached"),
        "{events:#}"
    );
    let lowered = act(
        &tech,
        p1,
        "reclassify",
        json!({ "priority": "P3", "reason": "Une seule caméra de couloir, les autres fonctionnent" }),
    )
    .await;
    assert_eq!(clock_of(&lowered, "take_charge")["state"], "running", "counted again, 24 business hours from now");
    let report = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03")).await.json;
    let breach = report["breaches"].as_array().unwrap().iter().find(|b| b["clock"] == "take_charge").cloned();
    let breach = breach.unwrap_or_else(|| panic!("the P1 breach is kept: {report:#}"));
    assert_eq!((breach["priority"].as_str(), breach["late_by_seconds"].as_i64()), (Some("P1"), Some(1800)));
    // A same priority is no change; a resolved incident keeps its priority.
    assert_eq!(
        tech.post(&format!("/api/incidents/{p1}/reclassify"), &json!({ "priority": "P3", "reason": "x" })).await.status,
        409
    );
}

pub async fn data_loss_starts_the_gdpr_clock_and_the_notice_says_what_article_33_asks(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    // Recordings said lost at the report: the loss is known from the report.
    let r = client
        .post("/api/incidents", &json!({ "site_id": site, "description": "L'enregistreur du parking a perdu ses enregistrements de la nuit", "answers": { "recording_lost": true } }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["id"].as_i64().unwrap();
    assert_eq!(r.json["data_loss_known_at"], r.json["reported_at"]);
    let gdpr = clock_of(&r.json, "gdpr_notice");
    assert_eq!(
        (gdpr["state"].as_str(), gdpr["due"].as_str()),
        (Some("running"), Some("2027-03-16T09:00:00Z")),
        "24 elapsed hours"
    );
    // Recorded once; an instant in the future is refused.
    let r = tech.post(&format!("/api/incidents/{id}/data-loss"), &json!({ "description": "encore" })).await;
    assert_eq!(r.status, 409, "{}", r.text);
    let other = client.report(site, "Caméra HS dans le hall").await["id"].as_i64().unwrap();
    let r = tech
        .post(
            &format!("/api/incidents/{other}/data-loss"),
            &json!({ "description": "Images perdues", "known_at": "2027-03-16T10:00:00+01:00" }),
        )
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("known_at")), "{}", r.text);
    let r = tech.post(&format!("/api/incidents/{other}/gdpr-notice"), &json!({ "nature": "x" })).await;
    assert_eq!(r.status, 422, "every field is checked before the state: {}", r.text);
    let known = act(
        &tech,
        other,
        "data-loss",
        json!({ "description": "Images du hall perdues 2 h", "known_at": "2027-03-15T09:30:00+01:00" }),
    )
    .await;
    assert_eq!(known["data_loss_known_at"], "2027-03-15T08:30:00Z");

    // The notice: every field art. 33(3) asks for, each missing one named.
    let r = tech
        .post(&format!("/api/incidents/{id}/gdpr-notice"), &json!({ "nature": "Effacement", "people_estimate": 40 }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("data_categories")), "{}", r.text);
    let said = r.json["error"].as_str().unwrap();
    assert!(
        ["data_categories", "records_estimate", "consequences", "measures", "contact"].iter().all(|f| said.contains(f)),
        "{said}"
    );
    let r = tech.post(&format!("/api/incidents/{id}/gdpr-notice"), &json!({ "nature": "x", "colour": 1 })).await;
    assert_eq!(r.status, 422, "{}", r.text);
    clock.advance(TimeDelta::hours(3));
    let notice = json!({
        "nature": "Effacement des enregistrements de la nuit du 14 au 15 mars",
        "data_categories": ["images vidéo"],
        "people_estimate": 40,
        "records_estimate": 12,
        "consequences": "Images de la nuit indisponibles pour une enquête",
        "measures": "Disque remplacé, surveillance de l'espace disque ajoutée",
        "contact": "Karim Haddad, support Mileo, 01 23 45 67 89",
    });
    let sent = act(&tech, id, "gdpr-notice", notice.clone()).await;
    assert_eq!(clock_of(&sent, "gdpr_notice")["state"], "met");
    assert_eq!(sent["gdpr_notice"]["records_estimate"], 12);
    assert_eq!(tech.post(&format!("/api/incidents/{id}/gdpr-notice"), &notice).await.status, 409, "sent once");
    // By email to the technical contact and the management; the client decides on the CNIL.
    for address in ["julie.martin@demo-client.example", "direction@demo-client.example"] {
        let mail = message(&server, "mail", &["information RGPD", address]).await;
        for needle in
            ["images vidéo", "40", "12", "Disque remplacé", "Karim Haddad", "CNIL", "Il vous appartient", "72 heures"]
        {
            assert!(mail.contains(needle), "{needle} in {mail}");
        }
        assert!(!mail.contains("vous devez notifier"), "{mail}");
    }
    assert!(!spooled(&server, "sms").iter().any(|m| m.contains("RGPD")), "email only");
}

pub async fn every_resolution_is_told_and_a_moot_clock_is_not_counted_kept(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let organisation = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    let resolution = json!({ "root_cause": "Cache du navigateur", "actions": "Cache vidé", "security_data_impact": "Aucun", "personal_data_lost": false });
    // A P3 resolved: the technical contact gets the resolution notice by email.
    let p3 = client.report(site, "L'interface du VMS est lente à afficher les vues").await;
    let p3_reference = p3["reference"].as_str().unwrap().to_string();
    let p3 = p3["id"].as_i64().unwrap();
    act(&tech, p3, "acknowledge", json!({})).await;
    act(&tech, p3, "resolve", resolution.clone()).await;
    let mail = message(&server, "mail", &[&p3_reference, "Incident résolu", "julie.martin@demo-client.example"]).await;
    assert!(mail.contains("Cause racine : Cache du navigateur"), "{mail}");
    assert!(!spooled(&server, "sms").iter().any(|m| m.contains(&p3_reference)), "a P3 is told by email only");
    // A P1 fixed remotely before its on-site deadline: the on-site clock is moot.
    let p1 = client.report(site, "Plus aucune caméra ne fonctionne sur le site").await["id"].as_i64().unwrap();
    act(&tech, p1, "acknowledge", json!({})).await;
    act(&tech, p1, "on-site-needed", json!({ "needed": true, "reason": "Peut-être l'enregistreur" })).await;
    clock.advance(TimeDelta::minutes(40));
    let resolved = act(&tech, p1, "resolve", resolution).await;
    let on_site = clock_of(&resolved, "on_site");
    assert_eq!((on_site["state"].as_str(), on_site["moot"].as_bool()), (Some("not_applicable"), Some(true)));
    let report = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03")).await.json;
    assert_eq!(report["on_site"]["total"], 0, "neither kept nor broken: {report:#}");
    assert_eq!(report["take_charge"]["total"], 2);
    // A dispatch after the resolution is refused.
    assert_eq!(tech.post_empty(&format!("/api/incidents/{p1}/dispatch")).await.status, 409);
}

pub async fn a_technical_review_has_an_owner_a_deadline_findings_and_an_end(backend: Backend) {
    let server = monday_morning(backend).await;
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    client.report(site, "Caméra HS dans le parking").await;
    let second = client.report(site, "Encore une caméra HS").await;
    let reference = second["reference"].as_str().unwrap().to_string();
    message(&server, "mail", &[&reference, "Revue technique ouverte", "direction@demo-client.example"]).await;
    let review = client.get("/api/reviews").await.json[0].clone();
    let id = review["id"].as_i64().unwrap();
    assert_eq!((review["status"].as_str(), review["owner_id"].as_i64()), (Some("open"), None));
    // 20 business days from Monday 15 March: Tuesday 13 April (Easter Monday, 29 March, is
    // a holiday).
    assert_eq!(review["clock"]["due"], "2027-04-13T16:00:00Z");
    assert_eq!(review["clock"]["state"], "running");
    // Only staff move it; an owner is a staff user; it only moves forward.
    let path = format!("/api/reviews/{id}");
    assert_eq!(client.put(&path, &json!({ "status": "in_progress" })).await.status, 403);
    let me = tech.get("/api/me").await.json["id"].as_i64().unwrap();
    let julie = client.get("/api/me").await.json["id"].as_i64().unwrap();
    let r = tech.put(&path, &json!({ "owner_id": julie })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("owner_id")));
    let r = tech.put(&path, &json!({ "status": "someday" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("status")));
    let r = tech.put(&path, &json!({ "owner_id": me, "status": "in_progress" })).await;
    assert_eq!(
        (r.status, r.json["status"].as_str(), r.json["owner_name"].is_string()),
        (200, Some("in_progress"), true),
        "{}",
        r.text
    );
    let r = tech.put(&path, &json!({ "status": "done" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("findings")), "closing needs findings");
    let r = tech
        .put(&path, &json!({ "status": "done", "findings": "Alimentation PoE du parking sous-dimensionnée" }))
        .await;
    assert_eq!((r.status, r.json["status"].as_str()), (200, Some("done")), "{}", r.text);
    assert_eq!(r.json["clock"]["state"], "met");
    assert!(r.json["closed_at"].is_string());
    assert_eq!(tech.put(&path, &json!({ "status": "in_progress" })).await.status, 409);
    let mail =
        message(&server, "mail", &[&reference, "Revue technique terminée", "julie.martin@demo-client.example"]).await;
    assert!(mail.contains("Alimentation PoE du parking sous-dimensionnée"), "{mail}");
}

pub async fn a_corrected_type_judges_recurrence_again(backend: Backend) {
    let server = monday_morning(backend).await;
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let first = client.report(site, "Caméra HS dans le parking").await;
    assert_eq!(first["incident_type"], "video/down");
    let second = client.report(site, "Le lecteur de badge du parking ne répond plus").await;
    let id = second["id"].as_i64().unwrap();
    assert_eq!(second["recurrent"], false);
    // It was in fact the parking camera again.
    let r = tech
        .post(&format!("/api/incidents/{id}/type"), &json!({ "system": "video", "symptom": "down", "reason": "" }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("reason")));
    let r = tech
        .post(&format!("/api/incidents/{id}/type"), &json!({ "system": "cctv", "symptom": "down", "reason": "x" }))
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(
        client
            .post(&format!("/api/incidents/{id}/type"), &json!({ "system": "video", "symptom": "down", "reason": "x" }))
            .await
            .status,
        403
    );
    let corrected = act(&tech, id, "type", json!({ "system": "video", "symptom": "down", "reason": "Le technicien a trouvé la caméra du parking hors service" })).await;
    assert_eq!(
        (corrected["incident_type"].as_str(), corrected["recurrent"].as_bool()),
        (Some("video/down"), Some(true))
    );
    let reviews = tech.get("/api/reviews").await.json;
    assert_eq!(reviews[0]["related"], json!([first["reference"]]));
    // Corrected again, away from the first: no longer recurrent, the review ends with why.
    let back =
        act(&tech, id, "type", json!({ "system": "access_control", "symptom": "down", "reason": "Erreur de saisie" }))
            .await;
    assert_eq!(back["recurrent"], false);
    let review = &tech.get("/api/reviews").await.json[0];
    assert_eq!(review["status"], "done");
    assert!(review["findings"].as_str().unwrap().contains("plus récurrent"), "{review}");
}

pub async fn a_breach_still_open_reaches_the_second_level_once(backend: Backend) {
    let server = TestServer::start_with(backend, |config| {
        config.escalation = Some(vigie_server::config::Escalation {
            name: "Claire Martin".into(),
            email: Some("direction@mileotech.example".into()),
            phone: Some("+33600000042".into()),
        })
    })
    .await;
    let clock = server.running.state.clock.clone();
    clock.freeze();
    clock.advance(at("2027-03-15T10:00:00+01:00") - clock.now());
    let tech = server.login("tech").await;
    let client = server.login("client").await;
    let site = server.site_of(&tech, "Demo Client").await;
    let report = |description: &str, priority: &str| json!({ "site_id": site, "description": description, "priority": priority, "priority_reason": "Appel du client" });
    let p1 = tech.post("/api/incidents", &report("Appel : plus aucune caméra sur le site", "P1")).await;
    assert_eq!(p1.status, 201, "{}", p1.text);
    let p2 = tech.post("/api/incidents", &report("Appel : deux lecteurs de badge du parking hors service", "P2")).await;
    assert_eq!(p2.status, 201, "{}", p2.text);
    let (p1, p2) = (p1.json["id"].as_i64().unwrap(), p2.json["id"].as_i64().unwrap());
    let levels = |events: Vec<Value>| -> Vec<String> {
        events
            .iter()
            .filter(|e| e["kind"] == "alert" && e["data"]["level"] != "at_risk")
            .map(|e| e["data"]["level"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let staff_levels = |id: i64| {
        let tech = tech.clone();
        async move { levels(crate::notifications::timeline(&tech, id).await) }
    };

    // The P1's hour ran out at 11:00; at 11:10 the operations manager knows, not yet the
    // second level: the policy gives the breach 30 minutes.
    clock.advance(at("2027-03-15T11:10:00+01:00") - clock.now());
    monitor(&server).await;
    assert_eq!(staff_levels(p1).await, ["breached"]);
    // At 11:31 the breach is still open: the second level is told, once, by email and SMS.
    clock.advance(at("2027-03-15T11:31:00+01:00") - clock.now());
    monitor(&server).await;
    monitor(&server).await;
    assert_eq!(staff_levels(p1).await, ["breached", "escalated"]);
    let events = crate::notifications::timeline(&tech, p1).await;
    let escalation = events.iter().find(|e| e["data"]["level"] == "escalated").expect("escalation");
    assert_eq!(escalation["data"]["to"], "Claire Martin");
    assert_eq!(escalation["data"]["clock"], "take_charge");
    let mail = message(&server, "mail", &["direction@mileotech.example", "ESCALADE", "Prise en charge"]).await;
    assert!(mail.contains(&p1_reference(&tech, p1).await), "{mail}");
    message(&server, "sms", &["+33600000042", "ESCALADE"]).await;
    // The P2's 4 business hours ran out at 14:00; it escalates 4 business hours later, at
    // the close of the day (18:00), not 30 minutes after.
    clock.advance(at("2027-03-15T17:59:00+01:00") - clock.now());
    monitor(&server).await;
    assert_eq!(staff_levels(p2).await, ["breached"]);
    clock.advance(at("2027-03-15T18:00:01+01:00") - clock.now());
    monitor(&server).await;
    assert_eq!(staff_levels(p2).await, ["breached", "escalated"]);
    // The client's timeline shows none of it.
    let client_events = client.get(&format!("/api/incidents/{p1}/events")).await.json;
    assert!(levels(client_events.as_array().unwrap().clone()).is_empty());

    // A restart does not escalate again: the new monitor's pass and its mail worker.
    let server = server.restart().await;
    let clock = server.running.state.clock.clone();
    clock.freeze();
    clock.advance(at("2027-03-15T18:30:00+01:00") - clock.now());
    monitor(&server).await;
    vigie_server::notify::deliver_due(&server.running.state).await.expect("outbox");
    let tech = server.login("tech").await;
    assert_eq!(levels(crate::notifications::timeline(&tech, p1).await), ["breached", "escalated"]);
    assert_eq!(levels(crate::notifications::timeline(&tech, p2).await), ["breached", "escalated"]);
    let to_second_level = |channel: &str, address: &str| {
        spooled(&server, channel).into_iter().filter(|m| m.contains(address) && m.contains("ESCALADE")).count()
    };
    assert_eq!(to_second_level("mail", "direction@mileotech.example"), 2);
    assert_eq!(to_second_level("sms", "+33600000042"), 2);

    // The monthly report says which breaches reached the second level, and when.
    let client = server.login("client").await;
    let organisation = client.get("/api/me").await.json["organisation_id"].as_i64().unwrap();
    let report = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03")).await.json;
    let escalated_at = |id: i64| {
        report["breaches"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["incident_id"] == id && b["clock"] == "take_charge")
            .map(|b| b["escalated_at"].clone())
            .unwrap_or_else(|| panic!("no take-charge breach of {id} in {report}"))
    };
    assert_eq!(escalated_at(p1), json!(at("2027-03-15T11:31:00+01:00")));
    assert_eq!(escalated_at(p2), json!(at("2027-03-15T18:00:01+01:00")));
    let csv = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2027-03&format=csv-fr")).await.text;
    assert!(csv.contains("escaladé le 15/03/2027 11:31"), "{csv}");
}

async fn p1_reference(tech: &Client, id: i64) -> String {
    tech.get(&format!("/api/incidents/{id}")).await.json["reference"].as_str().unwrap_or_default().to_string()
}

pub async fn a_data_loss_found_after_the_closure_still_gets_its_notice_and_its_alerts(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    // Recordings said lost at the report: the timeline says so from the start.
    let lost = client
        .post("/api/incidents", &json!({ "site_id": site, "description": "L'enregistreur du hall a perdu ses images", "answers": { "recording_lost": true } }))
        .await;
    assert_eq!(lost.status, 201, "{}", lost.text);
    let events = crate::notifications::timeline(&tech, lost.json["id"].as_i64().unwrap()).await;
    let data_loss = events.iter().find(|e| e["kind"] == "data_loss").expect("a data_loss event at the report");
    assert_eq!(data_loss["data"]["known_at"], lost.json["reported_at"]);

    // An incident worked, resolved and closed; the loss is found the week after.
    let id = client.report(site, "Caméra HS dans le hall").await["id"].as_i64().unwrap();
    act(&tech, id, "acknowledge", json!({})).await;
    let resolution = json!({ "root_cause": "Alimentation", "actions": "Remplacée", "security_data_impact": "Aucune", "personal_data_lost": false });
    act(&tech, id, "resolve", resolution).await;
    act(&tech, id, "close", json!({})).await;
    clock.advance(TimeDelta::days(7));
    assert_eq!(tech.post(&format!("/api/incidents/{id}/updates"), &json!({ "message": "x" })).await.status, 409);
    let found = act(&tech, id, "data-loss", json!({ "description": "Images du hall effacées par la rotation" })).await;
    assert_eq!(clock_of(&found, "gdpr_notice")["state"], "running", "{found}");
    // A day and an hour later the notice is late: alerted like any promise, once.
    clock.advance(TimeDelta::hours(25));
    monitor(&server).await;
    monitor(&server).await;
    let alerts: Vec<Value> = crate::notifications::timeline(&tech, id)
        .await
        .into_iter()
        .filter(|e| e["kind"] == "alert" && e["data"]["clock"] == "gdpr_notice" && e["data"]["level"] == "breached")
        .collect();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    // The notice is still accepted on the closed incident, and stops its clock; its texts
    // are kept as trimmed as every other text, the categories too.
    let notice = json!({
        "nature": "Effacement des images du hall", "data_categories": ["  images vidéo  ", "   "],
        "people_estimate": 30, "records_estimate": 5, "consequences": "Images indisponibles",
        "measures": "Rotation allongée", "contact": "Support, 01 23 45 67 89",
    });
    let r = tech.post(&format!("/api/incidents/{id}/gdpr-notice"), &notice).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("data_categories")), "an empty category: {}", r.text);
    let mut notice = notice;
    notice["data_categories"] = json!(["  images vidéo  "]);
    let sent = act(&tech, id, "gdpr-notice", notice).await;
    assert_eq!(sent["gdpr_notice"]["data_categories"], json!(["images vidéo"]));
    let gdpr = clock_of(&sent, "gdpr_notice");
    assert_eq!(gdpr["state"], "met");
    assert!(gdpr["late_by_seconds"].as_i64().unwrap() > 0, "{gdpr}");
    message(&server, "mail", &["information RGPD", "direction@demo-client.example"]).await;
}

pub async fn a_corrected_type_judges_the_later_incidents_again(backend: Backend) {
    let server = monday_morning(backend).await;
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let first = client.report(site, "Caméra HS dans le parking").await;
    let second = client.report(site, "Encore une caméra HS").await;
    assert_eq!(second["recurrent"], true, "{second}");
    let review = tech.get("/api/reviews").await.json[0].clone();
    let path = format!("/api/reviews/{}", review["id"]);
    let found = "Deux coupures PoE le même jour";
    assert_eq!(tech.put(&path, &json!({ "status": "in_progress", "findings": found })).await.status, 200);
    // The first was in fact a badge reader: the second repeats nothing any more, its review
    // ends saying why, and what the staff had found stays.
    let first_id = first["id"].as_i64().unwrap();
    act(
        &tech,
        first_id,
        "type",
        json!({ "system": "access_control", "symptom": "down", "reason": "Lecteur de badge" }),
    )
    .await;
    let second = tech.get(&format!("/api/incidents/{}", second["id"])).await.json;
    assert_eq!(second["recurrent"], false, "{second}");
    let review = &tech.get("/api/reviews").await.json[0];
    let findings = review["findings"].as_str().unwrap();
    assert_eq!(review["status"], "done");
    assert!(findings.starts_with(found), "{findings}");
    assert!(findings.contains(first["reference"].as_str().unwrap()), "{findings}");
    // Corrected back: the second repeats the first again, a review opens.
    act(&tech, first_id, "type", json!({ "system": "video", "symptom": "down", "reason": "Erreur de saisie" })).await;
    let second = tech.get(&format!("/api/incidents/{}", second["id"])).await.json;
    assert_eq!(second["recurrent"], true, "{second}");
}

pub async fn a_breach_before_the_on_site_need_is_cleared_stays_in_the_report(backend: Backend) {
    let server = monday_morning(backend).await;
    let clock = server.running.state.clock.clone();
    let tech = server.login("tech").await;
    let site = server.site_of(&tech, "Demo Client").await;
    let r = tech
        .post("/api/incidents", &json!({ "site_id": site, "description": "Appel : plus aucune caméra", "priority": "P1", "priority_reason": "Appel du client", "on_site_required": true }))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json["id"].as_i64().unwrap();
    act(&tech, id, "acknowledge", json!({})).await;
    // Nobody dispatched within the four hours; at 15:00 the staff decide nobody has to go.
    clock.advance(at("2027-03-15T15:00:00+01:00") - clock.now());
    let cleared = act(&tech, id, "on-site-needed", json!({ "needed": false, "reason": "Réparé à distance" })).await;
    assert_eq!(clock_of(&cleared, "on_site")["state"], "not_applicable");
    assert_eq!(cleared["on_site_need_changes"][0]["needed"], false, "{cleared}");
    let report = tech.get(&format!("/api/reports/sla?organisation={}&month=2027-03", cleared["organisation_id"])).await;
    assert_eq!(report.status, 200, "{}", report.text);
    let breaches: Vec<&Value> =
        report.json["breaches"].as_array().unwrap().iter().filter(|b| b["clock"] == "on_site").collect();
    assert_eq!(breaches.len(), 1, "{}", report.json);
}

pub async fn the_wall_keeps_a_closed_incident_while_its_gdpr_notice_is_due(backend: Backend) {
    let server = monday_morning(backend).await;
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let id = client.report(site, "Caméra HS dans le hall").await["id"].as_i64().unwrap();
    act(&tech, id, "acknowledge", json!({})).await;
    let resolution = json!({ "root_cause": "Disque", "actions": "Remplacé", "security_data_impact": "Images de la nuit perdues", "personal_data_lost": true });
    act(&tech, id, "resolve", resolution).await;
    act(&tech, id, "close", json!({})).await;
    let ids = |r: crate::harness::Response| -> Vec<i64> {
        assert_eq!(r.status, 200, "{}", r.text);
        r.json.as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect()
    };
    assert!(!ids(tech.get("/api/incidents?state=open").await).contains(&id));
    assert!(ids(tech.get("/api/incidents?state=watched").await).contains(&id), "its GDPR notice is due");
    assert!(ids(client.get("/api/incidents?state=watched").await).contains(&id));
    let notice = json!({
        "nature": "Images perdues", "data_categories": ["images vidéo"], "people_estimate": 10,
        "records_estimate": 1, "consequences": "Aucune enquête en cours", "measures": "Disque remplacé",
        "contact": "Support",
    });
    act(&tech, id, "gdpr-notice", notice).await;
    assert!(!ids(tech.get("/api/incidents?state=watched").await).contains(&id), "nothing left to watch");
    let r = tech.get("/api/incidents?state=someday").await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("state")), "{}", r.text);
}
