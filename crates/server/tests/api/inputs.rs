//! No input is a server error: NUL characters and broken constraints are refused by
//! field, on both databases; a key is bound to its request; any Unicode is anonymised.

use serde_json::{json, Value};

use crate::harness::{Backend, Client, TestServer};

/// Sends `body` with `method` to `path`; asserts a 422 naming `field`.
async fn refused(client: &Client, method: reqwest::Method, path: &str, body: &Value, field: &str) {
    let r = Client::send(client.request(method.clone(), path).json(body)).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{method} {path} {body}: {}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("NUL"), "{}", r.text);
}

pub async fn nul_characters_are_refused_by_field(backend: Backend) {
    let server = TestServer::start(backend).await;
    let anonymous = server.anonymous();
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    let admin = server.login("admin").await;
    let site = server.site_of(&client, "Demo Client").await;
    let nul = "a\u{0}b";
    use reqwest::Method as M;

    // Logging in, without any session.
    refused(&anonymous, M::POST, "/api/login", &json!({ "username": nul, "password": "x" }), "username").await;
    refused(&anonymous, M::POST, "/api/login", &json!({ "username": "tech", "password": nul }), "password").await;
    // Reporting and acting on an incident.
    refused(&client, M::POST, "/api/incidents", &json!({ "site_id": site, "description": nul }), "description").await;
    refused(
        &tech,
        M::POST,
        "/api/incidents",
        &json!({ "site_id": site, "description": "x", "priority": "P1", "priority_reason": nul }),
        "priority_reason",
    )
    .await;
    let id = client.report(site, "Plus aucune caméra ne fonctionne").await["id"].as_i64().unwrap();
    refused(&tech, M::POST, &format!("/api/incidents/{id}/acknowledge"), &json!({ "note": nul }), "note").await;
    assert_eq!(tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await.status, 200);
    // The timeline names who acted, for the client as for staff.
    let timeline = client.get(&format!("/api/incidents/{id}/events")).await.json;
    let taken = timeline.as_array().unwrap().iter().find(|e| e["kind"] == "acknowledged").expect("the take-charge");
    let me = tech.get("/api/me").await.json;
    assert_eq!(taken["actor_name"], me["display_name"], "{taken}");
    refused(&tech, M::POST, &format!("/api/incidents/{id}/updates"), &json!({ "message": nul }), "message").await;
    refused(
        &tech,
        M::POST,
        &format!("/api/incidents/{id}/reclassify"),
        &json!({ "priority": "P2", "reason": nul }),
        "reason",
    )
    .await;
    let resolution =
        json!({ "root_cause": "a", "actions": "b", "security_data_impact": nul, "personal_data_lost": false });
    refused(&tech, M::POST, &format!("/api/incidents/{id}/resolve"), &resolution, "security_data_impact").await;
    let resolution =
        json!({ "root_cause": "a", "actions": "b", "security_data_impact": "c", "personal_data_lost": false });
    assert_eq!(tech.post(&format!("/api/incidents/{id}/resolve"), &resolution).await.status, 200);
    let pm = tech.get(&format!("/api/incidents/{id}/postmortem")).await.json;
    let mut document = pm["document"].clone();
    document["preventive_measures"] = json!(["ok", nul]);
    refused(&tech, M::PUT, &format!("/api/postmortems/{}", pm["id"]), &document, "preventive_measures[1]").await;
    // Administration.
    let org = json!({ "name": nul, "contract": "standard" });
    refused(&admin, M::POST, "/api/admin/organisations", &org, "name").await;
    let org = json!({ "name": "Musée", "contract": "standard", "contacts": [{ "kind": "technical", "name": nul, "email": "a@b.fr", "phone": "+33612345678" }] });
    refused(&admin, M::POST, "/api/admin/organisations", &org, "contacts[0].name").await;
    refused(&admin, M::PUT, "/api/admin/organisations/1", &json!({ "name": "x", "contract": "standard", "contacts": [], "anonymous_lessons": false, "policy": null, nul: 1 }), "a\\0b").await;
    let site_form = json!({ "organisation_id": 1, "name": "Aile", "address": nul, "calendar": {} });
    refused(&admin, M::POST, "/api/admin/sites", &site_form, "address").await;
    let site_form = json!({ "organisation_id": 1, "name": "Aile", "calendar": {}, "sensitive_zones": [nul] });
    refused(&admin, M::PUT, &format!("/api/admin/sites/{site}"), &site_form, "sensitive_zones[0]").await;
    for field in ["username", "display_name", "email", "password"] {
        let mut user = json!({ "username": "lea", "display_name": "Léa", "role": "technician", "email": "lea@x.fr", "password": "un mot de passe long" });
        user[field] = json!(format!("un mot de passe {nul}"));
        refused(&admin, M::POST, "/api/admin/users", &user, field).await;
    }
    refused(
        &admin,
        M::PUT,
        "/api/admin/users/1/password",
        &json!({ "password": format!("un mot de passe {nul}") }),
        "password",
    )
    .await;
    // Query strings.
    for (path, field) in [
        ("/api/lessons?q=a%00b", "q"),
        ("/api/lessons?system=%00", "system"),
        ("/api/incidents?state=open%00", "state"),
    ] {
        let r = tech.get(path).await;
        assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{path}: {}", r.text);
    }
    let organisation = client.get("/api/me").await.json["organisation_id"].clone();
    let r = tech.get(&format!("/api/reports/sla?organisation={organisation}&month=2026-0%001")).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("month")), "{}", r.text);
    // Nothing of it was stored.
    let texts = tech.get("/api/incidents?state=all").await.text;
    assert!(!texts.contains("\\u0000"), "{texts}");
}

pub async fn broken_constraints_name_the_field(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = server.login("admin").await;
    let conflict = |r: &crate::harness::Response, status: u16, field: &str| {
        assert_eq!((r.status, r.json["field"].as_str()), (status, Some(field)), "{}", r.text);
        assert!(r.json["error"].is_string());
    };
    // An organisation's name is taken, at creation and by a rename.
    let r = admin.post("/api/admin/organisations", &json!({ "name": "Demo Client", "contract": "standard" })).await;
    conflict(&r, 409, "name");
    let louvre = admin.post("/api/admin/organisations", &json!({ "name": "Louvre", "contract": "premium" })).await;
    assert_eq!(louvre.status, 201, "{}", louvre.text);
    let louvre_id = louvre.json["id"].as_i64().unwrap();
    let r = admin
        .put(
            &format!("/api/admin/organisations/{louvre_id}"),
            &json!({ "name": "Banque Premium", "contract": "premium" }),
        )
        .await;
    conflict(&r, 409, "name");
    // Sites and users in an organisation that does not exist.
    let site = |organisation: i64, name: &str| json!({ "organisation_id": organisation, "name": name, "calendar": { "time_zone": "Europe/Paris" } });
    conflict(&admin.post("/api/admin/sites", &site(999_999, "Aile Denon")).await, 422, "organisation_id");
    let created = admin.post("/api/admin/sites", &site(louvre_id, "Aile Denon")).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let site_id = created.json["id"].as_i64().unwrap();
    conflict(
        &admin.put(&format!("/api/admin/sites/{site_id}"), &site(999_999, "Aile Denon")).await,
        422,
        "organisation_id",
    );
    // A site's name is taken within its organisation, not across.
    conflict(&admin.post("/api/admin/sites", &site(louvre_id, "Aile Denon")).await, 409, "name");
    let other = admin.post("/api/admin/sites", &site(louvre_id, "Aile Sully")).await;
    assert_eq!(other.status, 201);
    conflict(
        &admin.put(&format!("/api/admin/sites/{}", other.json["id"]), &site(louvre_id, "Aile Denon")).await,
        409,
        "name",
    );
    let user = |username: &str, organisation: Option<i64>| json!({ "username": username, "display_name": "Léa", "role": "client", "organisation_id": organisation, "password": "un mot de passe long" });
    conflict(&admin.post("/api/admin/users", &user("lea", Some(999_999))).await, 422, "organisation_id");
    conflict(&admin.post("/api/admin/users", &user("client", Some(louvre_id))).await, 409, "username");
    assert_eq!(admin.post("/api/admin/users", &user("lea", Some(louvre_id))).await.status, 201);
    // Ids that are no number, or no row.
    for path in ["/api/admin/organisations/abc", "/api/admin/organisations/999999"] {
        assert_eq!(admin.put(path, &json!({ "name": "X", "contract": "premium" })).await.status, 404, "{path}");
    }
    assert_eq!(
        admin.put("/api/admin/users/999999/password", &json!({ "password": "un mot de passe long" })).await.status,
        404
    );
    assert_eq!(admin.post_empty("/api/admin/users/999999/deactivate").await.status, 404);
    assert_eq!(admin.post_empty("/api/admin/organisations/999999/token").await.status, 404);
}

pub async fn an_idempotency_key_is_bound_to_its_request(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let site = server.site_of(&client, "Demo Client").await;
    let send = |key: &'static str, body: String| {
        let client = client.clone();
        async move {
            Client::send(
                client
                    .request(reqwest::Method::POST, "/api/incidents")
                    .header("idempotency-key", key)
                    .header("content-type", "application/json")
                    .body(body),
            )
            .await
        }
    };
    let first = send("report-1", format!(r#"{{"site_id": {site}, "description": "Caméra du parking HS"}}"#)).await;
    assert_eq!(first.status, 201, "{}", first.text);
    // The same report, written otherwise: a replay.
    let again = send("report-1", format!(r#"{{ "description":"Caméra du parking HS",   "site_id":{site} }}"#)).await;
    assert_eq!((again.status, &again.json["id"]), (201, &first.json["id"]), "{}", again.text);
    assert_eq!(again.headers.get("idempotent-replayed").unwrap(), "true");
    // Another report with the same key: refused, not answered with the first.
    let other =
        send("report-1", format!(r#"{{"site_id": {site}, "description": "Intrusion au local technique"}}"#)).await;
    assert_eq!((other.status, other.json["field"].as_str()), (422, Some("Idempotency-Key")), "{}", other.text);
    let all = client.get("/api/incidents?state=all").await.json;
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["description"], "Caméra du parking HS");
    // Racing retries of another report with another key: one incident, the others replay it.
    let racing =
        futures_util::future::join_all((0..4).map(|_| {
            send("report-2", format!(r#"{{"site_id": {site}, "description": "Intrusion au local technique"}}"#))
        }))
        .await;
    assert!(racing.iter().all(|r| r.status == 201 && r.json["id"] == racing[0].json["id"]), "{racing:?}");
    assert_eq!(client.get("/api/incidents?state=all").await.json.as_array().unwrap().len(), 2);
}

pub async fn any_unicode_is_anonymised_and_the_postmortem_published(backend: Backend) {
    let server = TestServer::start(backend).await;
    let tech = server.login("tech").await;
    let premium = server.login("premium").await;
    let site = server.site_of(&premium, "Banque Premium").await;
    // Banque Premium asked to be left out of lessons; its name comes in every case, next to
    // characters whose lowercase is longer or shorter in bytes.
    let incident =
        premium.report(site, "Plus aucune caméra ne fonctionne : Ⱥ Banque Premiumé Ω, AGENCE STRASBOURG").await;
    assert_eq!(incident["priority"], "P1");
    crate::lessons::resolve_and_publish(
        &tech,
        incident["id"].as_i64().unwrap(),
        "İ BANQUE PREMIUM ȺȺ : alimentation",
        "Onduleur pour l'Agence Strasbourg de banque premium",
    )
    .await;
    let lessons = tech.get("/api/lessons").await;
    assert_eq!(lessons.status, 200, "{}", lessons.text);
    let lesson = &lessons.json[0];
    assert_eq!(lesson["what_happened"], "Plus aucune caméra ne fonctionne : Ⱥ [client]é Ω, [site]");
    assert_eq!(lesson["root_cause"], "İ [client] ȺȺ : alimentation");
    assert_eq!(lesson["prevention"], "Onduleur pour l'[site] de [client]");
    assert!(!lessons.text.to_lowercase().contains("premium"), "{}", lessons.text);
}

/// A report carries the number to call back (the account's own, offered by the page) and
/// the site's zone it concerns; a zone the site lists weighs as a sensitive one; anything
/// else is refused by field.
pub async fn a_report_carries_its_callback_number_and_zone(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    assert_eq!(client.get("/api/me").await.json["phone"], "+33612345678");
    // The language chosen follows the account.
    assert_eq!(client.get("/api/me").await.json["lang"], "");
    let r = client.put("/api/me/lang", &json!({ "lang": "de" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("lang")), "{}", r.text);
    assert_eq!(client.put("/api/me/lang", &json!({ "lang": "en" })).await.status, 204);
    assert_eq!(server.login("client").await.get("/api/me").await.json["lang"], "en");
    let site = server.site_of(&client, "Demo Client").await;
    let report = |body: Value| {
        let client = &client;
        async move { client.post("/api/incidents", &body).await }
    };

    // The same words, with and without the zone: the zone makes it sensitive.
    let text = "Une caméra ne fonctionne plus";
    let plain = report(json!({ "site_id": site, "description": text })).await;
    let zoned = report(
        json!({ "site_id": site, "description": text, "zone": "Salle serveurs", "callback_phone": " 06 12 34 56 78 " }),
    )
    .await;
    assert_eq!((plain.status, zoned.status), (201, 201), "{} {}", plain.text, zoned.text);
    assert_eq!(zoned.json["zone"], "Salle serveurs");
    assert_eq!(zoned.json["callback_phone"], "06 12 34 56 78");
    assert_eq!(zoned.json["answers"]["sensitive_zone"], true, "{}", zoned.text);
    assert!(
        zoned.json["priority"].as_str() <= plain.json["priority"].as_str(),
        "never less urgent: zoned {} vs plain {}",
        zoned.json["priority"],
        plain.json["priority"]
    );
    // Staff read both.
    let seen = tech.get(&format!("/api/incidents/{}", zoned.json["id"])).await.json;
    assert_eq!(
        (seen["zone"].as_str(), seen["callback_phone"].as_str()),
        (Some("Salle serveurs"), Some("06 12 34 56 78"))
    );

    for (body, field) in [
        (json!({ "site_id": site, "description": text, "zone": "Cave" }), "zone"),
        (json!({ "site_id": site, "description": text, "callback_phone": "appelez-moi" }), "callback_phone"),
        (json!({ "site_id": site, "description": text, "callback_phone": "12" }), "callback_phone"),
    ] {
        let r = report(body.clone()).await;
        assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{body}: {}", r.text);
    }
}

pub async fn names_and_addresses_are_bounded_by_field(backend: Backend) {
    let server = TestServer::start(backend).await;
    let admin = server.login("admin").await;
    let refused = |r: &crate::harness::Response, field: &str| {
        assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{}", r.text);
        assert!(r.json["error"].as_str().unwrap().contains("at most"), "{}", r.text);
    };
    let long = "n".repeat(101);
    refused(&admin.post("/api/admin/organisations", &json!({ "name": long, "contract": "standard" })).await, "name");
    let r = admin.post("/api/admin/organisations", &json!({ "name": "n".repeat(100), "contract": "standard" })).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let organisation = r.json["id"].as_i64().unwrap();
    let site = |name: &str, address: &str, zones: Vec<String>| json!({ "organisation_id": organisation, "name": name, "address": address, "calendar": { "time_zone": "Europe/Paris" }, "sensitive_zones": zones });
    refused(&admin.post("/api/admin/sites", &site(&long, "", vec![])).await, "name");
    refused(&admin.post("/api/admin/sites", &site("Site", &"a".repeat(301), vec![])).await, "address");
    refused(&admin.post("/api/admin/sites", &site("Site", "", vec!["z".into(); 51])).await, "sensitive_zones");
    refused(
        &admin.post("/api/admin/sites", &site("Site", "", vec!["Hall".into(), long.clone()])).await,
        "sensitive_zones[1]",
    );
    let r = admin.post("/api/admin/sites", &site("Site", &"a".repeat(300), vec!["z".into(); 50])).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let user = |display_name: &str, email: &str| json!({ "username": "u", "display_name": display_name, "role": "technician", "email": email, "password": "un mot de passe long" });
    refused(&admin.post("/api/admin/users", &user(&long, "")).await, "display_name");
    let email = format!("{}@example.fr", "e".repeat(250));
    refused(&admin.post("/api/admin/users", &user("U", &email)).await, "email");
    let r = admin.post("/api/admin/users", &user("Line\nbreak", "")).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("display_name")), "{}", r.text);
}
