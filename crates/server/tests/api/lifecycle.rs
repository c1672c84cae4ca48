//! An incident's life through the API.

use serde_json::json;

use crate::harness::{Backend, TestServer};

pub async fn report_take_charge_resolve_close(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;

    let incident = client.report(site, "Plus aucune caméra ne fonctionne sur le site").await;
    let id = incident["id"].as_i64().unwrap();
    let reference = incident["reference"].as_str().unwrap();
    assert!(reference.starts_with("INC-2026-") || reference.starts_with("INC-20"), "{reference}");
    assert_eq!(reference.len(), "INC-2026-000001".len());
    assert_eq!(incident["priority"], "P1");
    assert_eq!(incident["rule"], "text.video_total_outage");
    assert_eq!(incident["source"], "client_portal");
    assert_eq!(incident["status"], "open");
    assert!(!incident["reasons"].as_array().unwrap().is_empty());
    // Clocks as the engine computes them: take charge within an hour, elapsed.
    let clocks = incident["clocks"].as_array().unwrap();
    let take_charge = clocks.iter().find(|c| c["kind"] == "take_charge").unwrap();
    assert_eq!(take_charge["state"], "running");
    let reported = chrono::DateTime::parse_from_rfc3339(incident["reported_at"].as_str().unwrap()).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(take_charge["due"].as_str().unwrap()).unwrap();
    assert_eq!(due - reported, chrono::TimeDelta::hours(1));
    assert!(take_charge["left_seconds"].as_i64().unwrap() > 3500);
    // The browser reads the same shape and, with the same engine, computes the same clocks.
    let typed: vigie_api::IncidentView = serde_json::from_value(incident.clone()).expect("the app's incident type");
    let calendar = vigie_engine::Calendar::try_from(typed.calendar.clone()).expect("calendar");
    let again = vigie_engine::sla::clocks(&typed.times(), &typed.policy, &calendar, typed.computed_at).expect("clocks");
    assert_eq!(again, typed.clocks);

    // The client's list shows it; GET gives the same incident.
    let list = client.get("/api/incidents").await;
    assert!(list.json.as_array().unwrap().iter().any(|i| i["id"] == id));
    assert_eq!(client.get(&format!("/api/incidents/{id}")).await.json["reference"], reference);

    // The client may not act on it.
    assert_eq!(client.post_empty(&format!("/api/incidents/{id}/acknowledge")).await.status, 403);

    let r = tech.post(&format!("/api/incidents/{id}/acknowledge"), &json!({ "note": "Appel de Mme Martin" })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "acknowledged");
    let take_charge = r.json["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "take_charge").unwrap().clone();
    assert_eq!(take_charge["state"], "met");
    let update_clock =
        r.json["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "client_update").unwrap().clone();
    assert_eq!(update_clock["state"], "running");

    assert_eq!(tech.post_empty(&format!("/api/incidents/{id}/on-site")).await.json["status"], "on_site");
    let r = tech
        .post(
            &format!("/api/incidents/{id}/updates"),
            &json!({ "message": "Switch PoE remplacé, redémarrage en cours" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.json["last_update_at"].is_string());
    let r = tech
        .post(
            &format!("/api/incidents/{id}/resolve"),
            &json!({ "root_cause": "Switch PoE défaillant", "actions": "Remplacement du switch", "security_data_impact": "45 min d'images perdues sur 12 caméras", "personal_data_lost": false }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "resolved");
    assert_eq!(r.json["resolution"]["root_cause"], "Switch PoE défaillant");
    assert_eq!(tech.post_empty(&format!("/api/incidents/{id}/close")).await.json["status"], "closed");

    // Closed incidents leave the default (open) list.
    let open = client.get("/api/incidents").await;
    assert!(!open.json.as_array().unwrap().iter().any(|i| i["id"] == id));
    let all = client.get("/api/incidents?state=all").await;
    assert!(all.json.as_array().unwrap().iter().any(|i| i["id"] == id));

    // The append-only timeline, in order.
    let events = client.get(&format!("/api/incidents/{id}/events")).await;
    let kinds: Vec<&str> = events
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .filter(|k| !k.starts_with("notification"))
        .collect();
    assert_eq!(kinds, ["reported", "acknowledged", "on_site", "update", "resolved", "postmortem_draft", "closed"]);
}

pub async fn impossible_transitions_are_409_with_the_reason(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;
    let id = client.report(site, "L'interface VMS est lente").await["id"].as_i64().unwrap();
    let path = |action: &str| format!("/api/incidents/{id}/{action}");

    let r = tech.post_empty(&path("on-site")).await;
    assert_eq!(r.status, 409);
    assert!(r.json["error"].as_str().unwrap().contains("must be taken in charge first"), "{}", r.text);
    assert_eq!(tech.post(&path("updates"), &json!({ "message": "x" })).await.status, 409);
    let resolve =
        json!({ "root_cause": "a", "actions": "b", "security_data_impact": "none", "personal_data_lost": false });
    assert_eq!(tech.post(&path("resolve"), &resolve).await.status, 409);
    let r = tech.post_empty(&path("close")).await;
    assert_eq!(r.status, 409);
    assert!(r.json["error"].as_str().unwrap().contains("must be resolved first"));

    assert_eq!(tech.post_empty(&path("acknowledge")).await.status, 200);
    let r = tech.post_empty(&path("acknowledge")).await;
    assert_eq!(r.status, 409);
    assert!(r.json["error"].as_str().unwrap().contains("already taken in charge"), "{}", r.text);
    let r = tech.post(&path("reclassify"), &json!({ "priority": "P3", "reason": "same" })).await;
    assert_eq!(r.status, 409);
    assert!(r.json["error"].as_str().unwrap().contains("is already P3"));
    assert_eq!(tech.post(&path("resolve"), &resolve).await.status, 200);
    assert_eq!(tech.post(&path("resolve"), &resolve).await.status, 409);
    assert_eq!(tech.post_empty(&path("on-site")).await.status, 409);
    assert_eq!(tech.post_empty(&path("close")).await.status, 200);
    let r = tech.post_empty(&path("acknowledge")).await;
    assert_eq!(r.status, 409);
    assert!(r.json["error"].as_str().unwrap().contains("is closed"));
    // A number that is no incident, and a word.
    assert_eq!(tech.post_empty("/api/incidents/999999/acknowledge").await.status, 404);
    assert_eq!(tech.get("/api/incidents/abc").await.status, 404);
}

pub async fn idempotency_key_never_creates_a_second_incident(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let site = server.site_of(&client, "Demo Client").await;
    let body = json!({ "site_id": site, "description": "Caméra du parking HS" });
    let send = |key: &'static str| {
        let client = client.clone();
        let body = body.clone();
        async move {
            crate::harness::Client::send(
                client.request(reqwest::Method::POST, "/api/incidents").header("idempotency-key", key).json(&body),
            )
            .await
        }
    };
    let first = send("report-42").await;
    assert_eq!(first.status, 201);
    let again = send("report-42").await;
    assert_eq!(again.status, 201);
    assert_eq!(again.json["id"], first.json["id"]);
    assert_eq!(again.headers.get("idempotent-replayed").unwrap(), "true");
    // Retries racing each other still make one incident.
    let racing = futures_util::future::join_all((0..6).map(|_| send("report-43"))).await;
    let ids: std::collections::BTreeSet<i64> = racing
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", r.text);
            r.json["id"].as_i64().unwrap()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    let all = client.get("/api/incidents?state=all").await;
    assert_eq!(all.json.as_array().unwrap().len(), 2);
}

pub async fn staff_report_a_phone_call_with_a_priority_and_a_reason(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let client = server.login("client").await;
    let site = server.site_of(&tech, "Demo Client").await;
    let r = tech
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "Appel : badgeuse lente à l'accueil", "priority": "P2", "priority_reason": "Le client signale une file d'attente de visiteurs", "on_site_required": true }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!((r.json["priority"].as_str(), r.json["suggested_priority"].as_str()), (Some("P2"), Some("P3")));
    assert_eq!(r.json["source"], "phone");
    assert_eq!(r.json["override_reason"], "Le client signale une file d'attente de visiteurs");
    // A priority without a reason, and a client setting one.
    let r = tech.post("/api/incidents", &json!({ "site_id": site, "description": "x", "priority": "P1" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("priority_reason")));
    let r = client
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "x", "priority": "P1", "priority_reason": "vite" }),
        )
        .await;
    assert_eq!(r.status, 403);
}

pub async fn p1_resolution_drafts_a_postmortem_published_only_when_complete(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;
    let id = client.report(site, "Intrusion détectée sur le serveur VMS").await["id"].as_i64().unwrap();
    tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    let r = tech
        .post(&format!("/api/incidents/{id}/resolve"), &json!({ "root_cause": "Mot de passe par défaut", "actions": "Comptes réinitialisés", "security_data_impact": "Aucune image perdue", "personal_data_lost": true }))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // The post-mortem clock runs; the draft has the timeline and the root cause.
    let pm_clock = r.json["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "postmortem").unwrap().clone();
    assert_eq!(pm_clock["state"], "running");
    let pm = tech.get(&format!("/api/incidents/{id}/postmortem")).await;
    assert_eq!(pm.status, 200, "{}", pm.text);
    assert_eq!(pm.json["status"], "draft");
    assert_eq!(pm.json["due_at"], pm_clock["due"]);
    assert!(pm.json["document"]["timeline"].as_array().unwrap().len() >= 3);
    assert_eq!(pm.json["document"]["root_cause"], "Mot de passe par défaut");
    let pm_id = pm.json["id"].as_i64().unwrap();
    // The client does not see a draft.
    assert_eq!(client.get(&format!("/api/postmortems/{pm_id}")).await.status, 404);
    // Incomplete: refused with what is missing.
    let r = tech.post_empty(&format!("/api/postmortems/{pm_id}/publish")).await;
    assert_eq!(r.status, 409);
    assert!(r.json["error"].as_str().unwrap().contains("No corrective measure"), "{}", r.text);
    let mut document = pm.json["document"].clone();
    document["corrective_measures"] = json!(["Mots de passe changés"]);
    document["preventive_measures"] = json!(["Audit trimestriel des comptes"]);
    document["plan"] = json!([{ "action": "Audit des comptes", "owner": "Équipe N2", "due": "2026-12-15" }]);
    let r = tech.put(&format!("/api/postmortems/{pm_id}"), &document).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["missing"], json!([]));
    let r = tech.post_empty(&format!("/api/postmortems/{pm_id}/publish")).await;
    assert_eq!((r.status, r.json["status"].as_str()), (200, Some("published")));
    assert_eq!(client.get(&format!("/api/postmortems/{pm_id}")).await.status, 200);
    let incident = client.get(&format!("/api/incidents/{id}")).await;
    let pm_clock =
        incident.json["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "postmortem").unwrap().clone();
    assert_eq!(pm_clock["state"], "met");
    // The client was told of the publication, with the link.
    let spool = server.dir.join("spool").join("mail");
    let mails = || -> Vec<String> {
        std::fs::read_dir(&spool)
            .map(|d| d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect())
            .unwrap_or_default()
    };
    crate::notifications::eventually(
        "the post-mortem notice to the management",
        std::time::Duration::from_secs(30),
        || {
            std::future::ready(
                mails()
                    .iter()
                    .any(|m| {
                        m.contains("Post-mortem publié")
                            && m.contains(&format!("/postmortems/{pm_id}"))
                            && m.contains("direction@demo-client.example")
                    })
                    .then_some(()),
            )
        },
    )
    .await;
    // Personal data lost at the resolution: the loss is recorded then, and the GDPR notice
    // clock runs from it.
    assert!(incident.json["data_loss_known_at"].is_string(), "{}", incident.text);
    let gdpr = incident.json["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "gdpr_notice").unwrap().clone();
    assert_eq!(gdpr["state"], "running");
}

pub async fn recurrence_opens_a_review(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let premium = server.login("premium").await;
    let site = server.site_of(&client, "Demo Client").await;
    let first = client.report(site, "Caméra HS dans le parking").await;
    assert_eq!(first["recurrent"], false);
    let second = client.report(site, "Encore une caméra HS").await;
    assert_eq!(second["recurrent"], true);
    let reviews = client.get("/api/reviews").await;
    let list = reviews.json.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["related"], json!([first["reference"]]));
    assert_eq!(premium.get("/api/reviews").await.json, json!([]));
}
