//! Lessons learned from P1 post-mortems, and the technical reviews of recurrences.

use serde_json::json;

use crate::harness::{Backend, Client, TestServer};

pub async fn resolve_and_publish(tech: &Client, id: i64, root_cause: &str, prevention: &str) {
    tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    let r = tech
        .post(&format!("/api/incidents/{id}/resolve"), &json!({ "root_cause": root_cause, "actions": "Redémarrage", "security_data_impact": "Aucune", "personal_data_lost": false }))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let pm = tech.get(&format!("/api/incidents/{id}/postmortem")).await.json;
    let mut document = pm["document"].clone();
    document["corrective_measures"] = json!(["Remplacement de l'alimentation"]);
    document["preventive_measures"] = json!([prevention]);
    document["plan"] = json!([{ "action": "Supervision de l'alimentation", "owner": "N2", "due": "2026-12-31" }]);
    let pm_id = pm["id"].as_i64().unwrap();
    assert_eq!(tech.put(&format!("/api/postmortems/{pm_id}"), &document).await.status, 200);
    let published = tech.post_empty(&format!("/api/postmortems/{pm_id}/publish")).await;
    assert_eq!(published.status, 200, "{}", published.text);
}

pub async fn lessons_learned_leave_out_clients_who_ask(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let premium = server.login("premium").await;
    let client = server.login("client").await;
    let bank_site = server.site_of(&premium, "Banque Premium").await;
    let demo_site = server.site_of(&client, "Demo Client").await;

    // Banque Premium asked to be left out of lessons; its texts name it anyway.
    let bank = premium.report(bank_site, "Hyperviseur HS à l'Agence Strasbourg de la Banque Premium").await;
    resolve_and_publish(
        &tech,
        bank["id"].as_i64().unwrap(),
        "Alimentation de l'hyperviseur de BANQUE PREMIUM défaillante",
        "Onduleur dédié pour l'agence strasbourg",
    )
    .await;
    let demo = client.report(demo_site, "L'hyperviseur est en panne au Siège Paris").await;
    resolve_and_publish(&tech, demo["id"].as_i64().unwrap(), "Disque plein", "Alerte sur l'espace disque").await;

    let lessons = tech.get("/api/lessons?system=hypervisor&symptom=down").await;
    assert_eq!(lessons.status, 200, "{}", lessons.text);
    let list = lessons.json.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let (named, anonymous): (Vec<_>, Vec<_>) = list.iter().partition(|l| l["client_name"].is_string());
    assert_eq!(named[0]["client_name"], "Demo Client");
    assert_eq!(named[0]["site_name"], "Siège Paris");
    assert_eq!(anonymous[0]["site_name"], serde_json::Value::Null);
    assert!(anonymous[0]["what_happened"].as_str().unwrap().contains("[client]"));
    // Nowhere in what technicians see: not in any lesson, whatever the case.
    let seen = lessons.text.to_lowercase();
    for name in ["banque premium", "agence strasbourg"] {
        assert!(!seen.contains(name), "{name} appears in {}", lessons.text);
    }
    // Search by words, and other systems.
    assert_eq!(tech.get("/api/lessons?q=onduleur").await.json.as_array().unwrap().len(), 1);
    assert_eq!(tech.get("/api/lessons?system=video").await.json, json!([]));
    // Lessons are for the integrator's technicians.
    assert_eq!(client.get("/api/lessons").await.status, 403);
}

pub async fn technical_reviews_carry_an_investment_proposal(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let client = server.login("client").await;
    let premium = server.login("premium").await;
    let site = server.site_of(&client, "Demo Client").await;
    client.report(site, "Caméra HS au parking").await;
    client.report(site, "De nouveau une caméra HS au parking").await;
    let review = client.get("/api/reviews").await.json[0].clone();
    assert_eq!(review["proposal"], serde_json::Value::Null);
    let id = review["id"].as_i64().unwrap();
    let proposal = json!({ "description": "Remplacer les caméras du parking par des modèles IP67", "estimated_cost_eur": 4800, "status": "proposed" });
    assert_eq!(client.put(&format!("/api/reviews/{id}/proposal"), &proposal).await.status, 403);
    let r = tech.put(&format!("/api/reviews/{id}/proposal"), &proposal).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["proposal"]["estimated_cost_eur"], 4800);
    // The client sees it for its own site; another client sees nothing of it.
    assert_eq!(client.get("/api/reviews").await.json[0]["proposal"]["status"], "proposed");
    assert_eq!(premium.get("/api/reviews").await.json, json!([]));
    assert_eq!(premium.put(&format!("/api/reviews/{id}/proposal"), &proposal).await.status, 404);
    let bad = tech
        .put(
            &format!("/api/reviews/{id}/proposal"),
            &json!({ "description": "x", "estimated_cost_eur": 1, "status": "maybe" }),
        )
        .await;
    assert_eq!((bad.status, bad.json["field"].as_str()), (422, Some("status")));
    let accepted = tech
        .put(
            &format!("/api/reviews/{id}/proposal"),
            &json!({ "description": "x", "estimated_cost_eur": 10, "status": "accepted" }),
        )
        .await;
    assert_eq!(accepted.json["proposal"]["status"], "accepted");
}
