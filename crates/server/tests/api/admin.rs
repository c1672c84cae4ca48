//! Administration: only the admin may, every change is recorded.

use serde_json::json;

use crate::harness::{Backend, Client, TestServer};

fn due_minutes(incident: &serde_json::Value) -> i64 {
    let clock = incident["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == "take_charge").unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(clock["due"].as_str().unwrap()).unwrap();
    let reported = chrono::DateTime::parse_from_rfc3339(incident["reported_at"].as_str().unwrap()).unwrap();
    (due - reported).num_minutes()
}

pub async fn administration_is_for_the_admin_and_recorded(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = server.login("admin").await;
    let org = json!({ "name": "Musée du Louvre", "contract": "premium", "contacts": [
        { "kind": "technical", "name": "Léa Dubois", "email": "securite@louvre.example", "phone": "+33140205050" }
    ] });
    // Every administration endpoint: 403 to everyone else, 401 to nobody.
    let policy_body =
        serde_json::to_value(vigie_engine::Policy::for_contract(vigie_engine::Contract::Standard)).unwrap();
    let site_body = json!({ "organisation_id": 1, "name": "X", "calendar": {} });
    let user_body =
        json!({ "username": "x", "display_name": "X", "role": "technician", "password": "un mot de passe long" });
    let endpoints: Vec<(reqwest::Method, &str, Option<serde_json::Value>)> = vec![
        (reqwest::Method::GET, "/api/admin/organisations", None),
        (reqwest::Method::POST, "/api/admin/organisations", Some(org.clone())),
        (reqwest::Method::PUT, "/api/admin/organisations/1", Some(org.clone())),
        (reqwest::Method::POST, "/api/admin/organisations/1/token", Some(json!({}))),
        (reqwest::Method::DELETE, "/api/admin/organisations/1/token", None),
        (reqwest::Method::POST, "/api/admin/sites", Some(site_body.clone())),
        (reqwest::Method::PUT, "/api/admin/sites/1", Some(site_body)),
        (reqwest::Method::GET, "/api/admin/users", None),
        (reqwest::Method::POST, "/api/admin/users", Some(user_body)),
        (reqwest::Method::PUT, "/api/admin/users/1/password", Some(json!({ "password": "un mot de passe long" }))),
        (reqwest::Method::POST, "/api/admin/users/1/deactivate", Some(json!({}))),
        (reqwest::Method::GET, "/api/admin/audit", None),
        (reqwest::Method::GET, "/api/admin/policies", None),
        (reqwest::Method::PUT, "/api/admin/policies/standard", Some(policy_body.clone())),
        (reqwest::Method::DELETE, "/api/admin/policies/standard", None),
    ];
    for name in ["client", "tech", "supervisor", "anonymous"] {
        let other = if name == "anonymous" { server.anonymous() } else { server.login(name).await };
        for (method, path, body) in &endpoints {
            let mut request = other.request(method.clone(), path);
            if let Some(body) = body {
                request = request.json(body);
            }
            let expected = if name == "anonymous" { 401 } else { 403 };
            assert_eq!(Client::send(request).await.status, expected, "{name} {method} {path}");
        }
    }

    // Contacts are checked.
    let mut bad = org.clone();
    bad["contacts"][0]["phone"] = json!("01 40 20 50 50");
    let r = admin.post("/api/admin/organisations", &bad).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("contacts[0].phone")), "{}", r.text);
    let created = admin.post("/api/admin/organisations", &org).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let org_id = created.json["id"].as_i64().unwrap();
    assert_eq!(admin.post("/api/admin/organisations", &org).await.status, 409);

    // A site whose calendar the engine refuses, then a good one.
    let site = |calendar: serde_json::Value| json!({ "organisation_id": org_id, "name": "Aile Denon", "calendar": calendar, "sensitive_zones": ["Salle des États"] });
    let r = admin.post("/api/admin/sites", &site(json!({ "hours": { "mon": [["08:00", "25:00"]] } }))).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("calendar")), "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("invalid time of day \"25:00\""));
    let r = admin.post("/api/admin/sites", &site(json!({ "hours": {} }))).await;
    assert!(r.json["error"].as_str().unwrap().contains("no opening hours"));
    let created_site =
        admin.post("/api/admin/sites", &site(json!({ "time_zone": "Europe/Paris", "holidays": "FR" }))).await;
    assert_eq!(created_site.status, 201, "{}", created_site.text);
    let site_id = created_site.json["id"].as_i64().unwrap();

    // A client user of the new organisation reports an incident: premium policy.
    let r = admin
        .post(
            "/api/admin/users",
            &json!({ "username": "lea", "display_name": "Léa Dubois", "role": "client", "password": "short" }),
        )
        .await;
    assert_eq!(r.json["field"], "password");
    let r = admin.post("/api/admin/users", &json!({ "username": "lea", "display_name": "Léa Dubois", "role": "client", "password": "un mot de passe long" })).await;
    assert_eq!(r.json["field"], "organisation_id");
    let r = admin.post("/api/admin/users", &json!({ "username": "lea", "display_name": "Léa Dubois", "role": "client", "organisation_id": org_id, "email": "securite@louvre.example", "password": "un mot de passe long" })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let lea_id = r.json["id"].as_i64().unwrap();
    let mut lea = server.anonymous();
    let login = lea.post("/api/login", &json!({ "username": "lea", "password": "un mot de passe long" })).await;
    assert_eq!(login.status, 200);
    lea.cookie =
        Some(login.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string());
    let before = lea.report(site_id, "Plus aucune caméra ne fonctionne").await;
    assert_eq!(due_minutes(&before), 60);

    // A policy of its own applies to incidents reported after it; earlier ones keep theirs.
    let mut policy = serde_json::to_value(vigie_engine::Policy::for_contract(vigie_engine::Contract::Premium)).unwrap();
    policy["take_charge"]["P1"] = json!({ "kind": "elapsed", "minutes": 30 });
    let mut updated = org.clone();
    updated["policy"] = policy.clone();
    let r = admin.put(&format!("/api/admin/organisations/{org_id}"), &updated).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let after = lea.report(site_id, "Hyperviseur HS").await;
    assert_eq!(due_minutes(&after), 30);
    assert_eq!(due_minutes(&lea.get(&format!("/api/incidents/{}", before["id"])).await.json), 60);
    policy["at_risk_percent"] = json!(0);
    updated["policy"] = policy;
    let r = admin.put(&format!("/api/admin/organisations/{org_id}"), &updated).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("policy")), "{}", r.text);

    // A contract's own values, set by the administrator, apply to every organisation of that
    // contract without a policy of its own, for incidents reported after the change.
    let policies = admin.get("/api/admin/policies").await.json;
    let standard = policies.as_array().unwrap().iter().find(|p| p["contract"] == "standard").unwrap().clone();
    assert_eq!((standard["source"].as_str(), &standard["policy"]), (Some("procedure"), &policy_body));
    let client = server.login("client").await;
    let paris = server.site_of(&client, "Demo Client").await;
    let earlier = client.report(paris, "Plus aucune caméra ne fonctionne").await;
    let mut faster = policy_body.clone();
    faster["take_charge"]["P1"] = json!({ "kind": "elapsed", "minutes": 20 });
    let r = admin.put("/api/admin/policies/standard", &faster).await;
    assert_eq!((r.status, r.json["source"].as_str()), (200, Some("administrator")), "{}", r.text);
    let later = client.report(paris, "Plus aucune caméra ne fonctionne, tout le site").await;
    assert_eq!(due_minutes(&later), 20);
    assert_eq!(due_minutes(&client.get(&format!("/api/incidents/{}", earlier["id"])).await.json), 60);
    let mut wrong = faster.clone();
    wrong["at_risk_percent"] = json!(0);
    let r = admin.put("/api/admin/policies/standard", &wrong).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("policy")), "{}", r.text);
    let r = admin.put("/api/admin/policies/gold", &faster).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("contract")), "{}", r.text);
    faster["take_charge"]["P1"] = json!({ "kind": "weekly", "minutes": 20 });
    let r = admin.put("/api/admin/policies/standard", &faster).await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("unknown target kind `weekly`"), "{}", r.text);
    let r = admin.request(reqwest::Method::DELETE, "/api/admin/policies/standard");
    let r = Client::send(r).await;
    assert_eq!((r.status, r.json["source"].as_str()), (200, Some("procedure")), "{}", r.text);
    assert_eq!(due_minutes(&client.report(paris, "Plus aucune caméra, plus rien").await), 60);

    // API tokens: shown once, revocable.
    let token = admin.post_empty(&format!("/api/admin/organisations/{org_id}/token")).await;
    assert_eq!(token.status, 201);
    let token = token.json["token"].as_str().unwrap().to_string();
    let hook = json!({ "alerts": [{ "status": "firing", "fingerprint": "f1", "labels": { "alertname": "CameraDown" }, "annotations": { "summary": "Caméra HS" } }] });
    let ingest = |token: String| {
        let anonymous = server.anonymous();
        let hook = hook.clone();
        async move {
            Client::send(
                anonymous.request(reqwest::Method::POST, "/api/ingest/alertmanager").bearer_auth(token).json(&hook),
            )
            .await
        }
    };
    assert_eq!(ingest(token.clone()).await.status, 200);
    assert_eq!(
        admin
            .http
            .delete(format!("{}/api/admin/organisations/{org_id}/token", admin.base))
            .header("cookie", admin.cookie.clone().unwrap())
            .header("origin", admin.base.clone())
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(ingest(token).await.status, 401);

    // A password reset ends the sessions too, and the new password works.
    let r = admin.put(&format!("/api/admin/users/{lea_id}/password"), &json!({ "password": "court" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("password")));
    assert_eq!(
        admin
            .put(&format!("/api/admin/users/{lea_id}/password"), &json!({ "password": "un autre mot de passe" }))
            .await
            .status,
        204
    );
    assert_eq!(lea.get("/api/me").await.status, 401);
    let login = lea.post("/api/login", &json!({ "username": "lea", "password": "un autre mot de passe" })).await;
    assert_eq!(login.status, 200);
    lea.cookie =
        Some(login.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string());
    let accounts = admin.get("/api/admin/users").await;
    assert!(accounts.json.as_array().unwrap().iter().any(|u| u["username"] == "lea" && u["active"] == true));
    assert!(!accounts.text.contains("argon2"));

    // Deactivation ends the sessions at once.
    assert_eq!(admin.post_empty(&format!("/api/admin/users/{lea_id}/deactivate")).await.status, 200);
    assert_eq!(lea.get("/api/me").await.status, 401);
    assert_eq!(
        lea.post("/api/login", &json!({ "username": "lea", "password": "un autre mot de passe" })).await.status,
        401
    );

    // Every change is recorded: who, what, before, after.
    let audit = admin.get("/api/admin/audit").await.json;
    let entries: Vec<(String, String)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["entity"].as_str().unwrap().to_string(), e["action"].as_str().unwrap().to_string()))
        .collect();
    for expected in [
        ("organisation", "create"),
        ("site", "create"),
        ("user", "create"),
        ("organisation", "update"),
        ("api_token", "create"),
        ("api_token", "revoke"),
        ("user", "password"),
        ("user", "deactivate"),
        ("contract_policy", "update"),
        ("contract_policy", "reset"),
    ] {
        assert!(entries.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} not in {entries:?}");
    }
    let update =
        audit.as_array().unwrap().iter().find(|e| e["entity"] == "organisation" && e["action"] == "update").unwrap();
    assert_eq!(update["actor"], "admin");
    assert_eq!(update["before"]["policy"], serde_json::Value::Null);
    assert_eq!(update["after"]["policy"]["take_charge"]["P1"]["minutes"], 30);
    // The token itself is never in the log.
    assert!(!serde_json::to_string(&audit).unwrap().contains("\"token\""));
}
