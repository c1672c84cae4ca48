//! An incident's owner: staff take it or assign it to one another, each change in the
//! timeline; the list filters mine and nobody's; a client assigns nothing.

use serde_json::json;

use crate::harness::{Backend, TestServer};

pub async fn incidents_are_taken_assigned_and_filtered_by_owner(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, tech, supervisor) = (server.login("client").await, server.login("tech").await, server.login("supervisor").await);
    let site = server.site_of(&client, "Demo Client").await;
    let id = client.post("/api/incidents", &json!({ "site_id": site, "description": "Plus aucune caméra ne fonctionne sur tout le site" })).await.json["id"].as_i64().unwrap();
    let other = client.post("/api/incidents", &json!({ "site_id": site, "description": "Une caméra floue à l'accueil" })).await.json["id"].as_i64().unwrap();
    assert!(client.get(&format!("/api/incidents/{id}")).await.json["assignee_id"].is_null());

    // The team, for the assignment list: staff only.
    let staff = tech.get("/api/staff").await;
    assert_eq!(staff.status, 200, "{}", staff.text);
    let me = tech.get("/api/me").await.json;
    assert!(staff.json.as_array().unwrap().iter().any(|m| m["id"] == me["id"] && m["role"] == "technician"), "{}", staff.text);
    assert!(staff.json.as_array().unwrap().iter().all(|m| m["role"] != "client"), "{}", staff.text);
    assert_eq!(client.get("/api/staff").await.status, 403);

    // "I take it".
    let taken = tech.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": me["id"] })).await;
    assert_eq!(taken.status, 200, "{}", taken.text);
    assert_eq!((taken.json["assignee_id"].clone(), taken.json["assignee_name"].clone()), (me["id"].clone(), me["display_name"].clone()));
    // Mine and nobody's.
    let ids = |list: serde_json::Value| list.as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>();
    let mine = ids(tech.get("/api/incidents?assignee=me").await.json);
    assert!(mine.contains(&id) && !mine.contains(&other), "{mine:?}");
    let nobody = ids(tech.get("/api/incidents?assignee=none").await.json);
    assert!(nobody.contains(&other) && !nobody.contains(&id), "{nobody:?}");
    assert_eq!(tech.get("/api/incidents?assignee=someone").await.json["field"], "assignee");

    // The supervisor hands it to himself, then to nobody; each change is in the timeline.
    let boss = supervisor.get("/api/me").await.json;
    assert_eq!(supervisor.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": boss["id"] })).await.status, 200);
    assert_eq!(supervisor.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": null })).await.status, 200);
    let timeline = client.get(&format!("/api/incidents/{id}/events")).await.json;
    let owners: Vec<serde_json::Value> = timeline.as_array().unwrap().iter().filter(|e| e["kind"] == "assigned").map(|e| e["data"]["to"].clone()).collect();
    assert_eq!(owners, [me["display_name"].clone(), boss["display_name"].clone(), serde_json::Value::Null]);

    // Refused: a client's account, someone unknown, the same owner again, a client acting.
    let client_id = client.get("/api/me").await.json["id"].clone();
    for (body, status) in [(json!({ "user_id": client_id }), 422), (json!({ "user_id": 999_999 }), 422), (json!({ "user_id": null }), 409)] {
        let r = tech.post(&format!("/api/incidents/{id}/assign"), &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text);
    }
    assert_eq!(client.post(&format!("/api/incidents/{id}/assign"), &json!({ "user_id": null })).await.status, 403);
}
