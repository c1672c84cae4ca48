//! Isolation, sessions, roles, origins and bad input.

use serde_json::json;

use crate::harness::{session_of, Backend, Client, TestServer};

pub async fn clients_see_only_their_organisation(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let premium = server.login("premium").await;
    let tech = server.login("tech").await;
    let demo_site = server.site_of(&client, "Demo Client").await;
    let premium_site = server.site_of(&premium, "Banque Premium").await;

    // Sites: each client its own; staff all.
    let names = |c: &serde_json::Value| {
        c.as_array().unwrap().iter().map(|s| s["organisation_name"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(names(&client.get("/api/sites").await.json), ["Demo Client"]);
    assert_eq!(names(&premium.get("/api/sites").await.json), ["Banque Premium"]);
    assert_eq!(names(&tech.get("/api/sites").await.json).len(), 2);

    let theirs = premium.report(premium_site, "Porte du hall bloquée ouverte").await;
    let id = theirs["id"].as_i64().unwrap();
    tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    // Every endpoint answers 404 to another organisation.
    for path in [
        format!("/api/incidents/{id}"),
        format!("/api/incidents/{id}/events"),
        format!("/api/incidents/{id}/postmortem"),
    ] {
        assert_eq!(client.get(&path).await.status, 404, "{path}");
    }
    for action in ["acknowledge", "on-site", "close"] {
        assert_eq!(client.post_empty(&format!("/api/incidents/{id}/{action}")).await.status, 404, "{action}");
    }
    assert_eq!(client.post(&format!("/api/incidents/{id}/updates"), &json!({ "message": "x" })).await.status, 404);
    assert_eq!(
        client
            .post(&format!("/api/incidents/{id}/reclassify"), &json!({ "priority": "P3", "reason": "x" }))
            .await
            .status,
        404
    );
    let resolve =
        json!({ "root_cause": "a", "actions": "b", "security_data_impact": "c", "personal_data_lost": false });
    assert_eq!(client.post(&format!("/api/incidents/{id}/resolve"), &resolve).await.status, 404);
    // Reporting on another organisation's site is as if it did not exist.
    assert_eq!(
        client.post("/api/incidents", &json!({ "site_id": premium_site, "description": "x" })).await.status,
        404
    );
    // Lists, even when asking for the other organisation.
    let mine = client.report(demo_site, "Affichage décalé").await;
    for path in
        ["/api/incidents?state=all", &format!("/api/incidents?state=all&organisation_id={}", theirs["organisation_id"])]
    {
        let list = client.get(path).await;
        let ids: Vec<i64> = list.json.as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [mine["id"].as_i64().unwrap()], "{path}");
    }
    // Staff see both.
    assert_eq!(tech.get("/api/incidents?state=all").await.json.as_array().unwrap().len(), 2);
    assert_eq!(tech.get(&format!("/api/incidents/{id}")).await.status, 200);
}

pub async fn sessions_roles_and_origin(backend: Backend) {
    let server = TestServer::start(backend).await;
    let anonymous = server.anonymous();
    assert_eq!(anonymous.get("/api/incidents").await.status, 401);
    assert_eq!(anonymous.get("/api/me").await.status, 401);
    assert_eq!(anonymous.get("/api/events").await.status, 401);
    let client = server.login("client").await;
    let me = client.get("/api/me").await;
    assert_eq!((me.json["username"].as_str(), me.json["role"].as_str()), (Some("client"), Some("client")));
    assert!(me.json.get("password_hash").is_none());
    // The answer is the shared contract, field for field, for the app as for the login.
    let typed: vigie_api::Me = serde_json::from_value(me.json.clone()).expect("a vigie_api::Me");
    assert_eq!(serde_json::to_value(&typed).unwrap(), me.json);
    let login = server.anonymous().post("/api/login", &json!({ "username": "client", "password": "client" })).await;
    assert_eq!(serde_json::from_value::<vigie_api::Me>(login.json).expect("a vigie_api::Me"), typed);
    let site = server.site_of(&client, "Demo Client").await;
    let body = json!({ "site_id": site, "description": "Caméra HS" });

    // A state-changing request with the cookie but from elsewhere, or from nowhere: 403.
    let foreign = Client { origin: Some("http://evil.example".into()), ..client.clone() };
    assert_eq!(foreign.post("/api/incidents", &body).await.status, 403);
    let nowhere = Client { origin: None, ..client.clone() };
    assert_eq!(nowhere.post("/api/incidents", &body).await.status, 403);
    // Referer of this server is enough when there is no Origin.
    let r = Client::send(
        nowhere
            .request(reqwest::Method::POST, "/api/incidents")
            .header("referer", format!("{}/report", server.base))
            .json(&body),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    // Reading needs no Origin.
    assert_eq!(nowhere.get("/api/incidents").await.status, 200);

    // The origin is scheme, host and port: the same host over https, or on another port,
    // is another site.
    let https = Client { origin: Some(server.base.replace("http://", "https://")), ..client.clone() };
    assert_eq!(https.post("/api/incidents", &body).await.status, 403);
    let port = server.running.addr.port();
    let other_port =
        Client { origin: Some(server.base.replace(&port.to_string(), &(port + 1).to_string())), ..client.clone() };
    assert_eq!(other_port.post("/api/incidents", &body).await.status, 403);
    // Even without a cookie: logging in from another site (login CSRF) or from nowhere.
    let credentials = json!({ "username": "client", "password": "client" });
    for origin in [Some("http://evil.example".to_string()), None, Some(server.base.replace("http://", "https://"))] {
        let stranger = Client { origin: origin.clone(), ..server.anonymous() };
        let r = stranger.post("/api/login", &credentials).await;
        assert_eq!(r.status, 403, "{origin:?}: {}", r.text);
        assert!(r.headers.get("set-cookie").is_none());
    }
    // A form's body (text/plain, which a page of any site may post) is not read.
    let form = Client::send(
        server
            .anonymous()
            .request(reqwest::Method::POST, "/api/login")
            .header("content-type", "text/plain")
            .body(credentials.to_string()),
    )
    .await;
    assert_eq!((form.status, form.json["error"].is_string()), (415, true), "{}", form.text);
    assert!(form.headers.get("set-cookie").is_none());
    let bare =
        Client::send(server.anonymous().request(reqwest::Method::POST, "/api/login").body(credentials.to_string()))
            .await;
    assert_eq!(bare.status, 415, "{}", bare.text);
    // Logging out of another site's page is refused too.
    assert_eq!(
        Client { origin: Some("http://evil.example".into()), ..client.clone() }.post_empty("/api/logout").await.status,
        403
    );

    // Logout ends the session.
    let r = client.post_empty("/api/logout").await;
    assert_eq!(r.status, 204);
    let cleared = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cleared.starts_with("__Host-vigie_session=;") && cleared.contains("Max-Age=0") && cleared.contains("Secure"),
        "{cleared}"
    );
    assert_eq!(client.get("/api/me").await.status, 401);
    // A forged cookie is no session, nor is the cookie under its old name.
    let forged = Client { cookie: Some("__Host-vigie_session=00ff".into()), ..server.anonymous() };
    assert_eq!(forged.get("/api/me").await.status, 401);
    let mut again = server.anonymous();
    let login = again.post("/api/login", &credentials).await;
    let session = session_of(&login);
    again.cookie = Some(session.replace("__Host-vigie_session", "vigie_session"));
    assert_eq!(again.get("/api/me").await.status, 401);
}

pub async fn failed_logins_slow_down(backend: Backend) {
    let server = TestServer::start(backend).await;
    // The throttle is measured on the server's clock, stopped here: however long each
    // password check takes on a busy machine, no time passes between the tries.
    let clock = server.running.state.clock.clone();
    clock.freeze();
    let anonymous = server.anonymous();
    let attempt = |password: &'static str| {
        let anonymous = anonymous.clone();
        async move { anonymous.post("/api/login", &json!({ "username": "tech", "password": password })).await }
    };
    for _ in 0..3 {
        assert_eq!(attempt("wrong").await.status, 401);
    }
    // The fourth try comes too soon, even with the right password.
    let r = attempt("tech").await;
    assert_eq!(r.status, 429, "{}", r.text);
    assert_eq!(r.headers.get("retry-after").unwrap(), "1");
    clock.advance(chrono::TimeDelta::milliseconds(999));
    assert_eq!(attempt("tech").await.status, 429);
    clock.advance(chrono::TimeDelta::milliseconds(1));
    assert_eq!(attempt("tech").await.status, 200);
    // Unknown users fail the same way.
    assert_eq!(anonymous.post("/api/login", &json!({ "username": "nobody", "password": "x" })).await.status, 401);
}

pub async fn bad_input_gets_a_precise_error(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let tech = server.login("tech").await;
    let site = server.site_of(&client, "Demo Client").await;
    let raw = |body: &'static str| {
        let client = client.clone();
        async move {
            Client::send(
                client
                    .request(reqwest::Method::POST, "/api/incidents")
                    .header("content-type", "application/json")
                    .body(body),
            )
            .await
        }
    };
    let r = raw("{\"site_id\": 1, \"description\": ").await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("invalid JSON"), "{}", r.text);
    let r = raw("[]").await;
    assert_eq!(r.status, 422);
    // One JSON value, and nothing after it.
    let body = format!("{{\"site_id\": {site}, \"description\": \"Caméra HS\"}}");
    for trailing in [format!("{body} {body}"), format!("{body}x"), format!("{body}\u{0}")] {
        let r = Client::send(
            client
                .request(reqwest::Method::POST, "/api/incidents")
                .header("content-type", "application/json")
                .body(trailing.clone()),
        )
        .await;
        assert_eq!(r.status, 422, "{trailing}: {}", r.text);
        assert!(r.json["error"].as_str().unwrap().contains("trailing"), "{}", r.text);
    }
    // JSON only, declared as such.
    for content_type in [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("application/jsonp")]
    {
        let mut request = client.request(reqwest::Method::POST, "/api/incidents").body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let r = Client::send(request).await;
        assert_eq!((r.status, r.json["error"].is_string()), (415, true), "{content_type:?}: {}", r.text);
    }
    assert_eq!(client.get("/api/incidents?state=all").await.json, json!([]), "nothing was created");

    let cases = [
        (json!({ "description": "x" }), "site_id"),
        (json!({ "site_id": site }), "description"),
        (json!({ "site_id": site, "description": "   " }), "description"),
        (json!({ "site_id": "one", "description": "x" }), "site_id"),
        (json!({ "site_id": site, "description": "x", "answers": { "system": "toaster" } }), "answers.system"),
        (json!({ "site_id": site, "description": "x", "answers": { "scope": "everywhere" } }), "answers.scope"),
        (json!({ "site_id": site, "description": "x", "colour": "red" }), ""),
    ];
    for (body, field) in cases {
        let r = client.post("/api/incidents", &body).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text);
        assert!(r.json["error"].is_string());
        if !field.is_empty() {
            assert_eq!(r.json["field"], field, "{body}: {}", r.text);
        }
    }
    // Impossible and future dates (staff may give the time of a phone call).
    let r = tech
        .post(
            "/api/incidents",
            &json!({ "site_id": site, "description": "x", "reported_at": "2026-02-30T10:00:00+01:00" }),
        )
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("reported_at")), "{}", r.text);
    let r = tech
        .post("/api/incidents", &json!({ "site_id": site, "description": "x", "reported_at": "2999-01-01T10:00:00Z" }))
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("reported_at")), "{}", r.text);
    // Bodies over 64 KB.
    let huge = "a".repeat(70 * 1024);
    let r = client.post("/api/incidents", &json!({ "site_id": site, "description": huge })).await;
    assert!(r.status == 413 || r.status == 422, "{}", r.status);
    assert!(r.json["error"].as_str().unwrap().contains("64 KB"), "{}", r.text);
    // Unknown priority, missing resolution fields.
    let id = client.report(site, "Caméra HS").await["id"].as_i64().unwrap();
    tech.post_empty(&format!("/api/incidents/{id}/acknowledge")).await;
    let r = tech.post(&format!("/api/incidents/{id}/reclassify"), &json!({ "priority": "P0", "reason": "x" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("priority")), "{}", r.text);
    let r = tech
        .post(
            &format!("/api/incidents/{id}/resolve"),
            &json!({ "root_cause": "PoE", "actions": "x", "security_data_impact": "none" }),
        )
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("personal_data_lost")), "{}", r.text);
    let r = tech
        .post(
            &format!("/api/incidents/{id}/resolve"),
            &json!({ "root_cause": " ", "actions": "x", "security_data_impact": "none", "personal_data_lost": false }),
        )
        .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("root_cause")), "{}", r.text);
    // Nothing was lost: the incident is still open and unchanged.
    assert_eq!(client.get(&format!("/api/incidents/{id}")).await.json["status"], "acknowledged");
}

pub async fn text_is_stored_as_plain_text(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = server.login("client").await;
    let site = server.site_of(&client, "Demo Client").await;
    let text = "<script>alert('x')</script>'; DROP TABLE incidents; -- caméra HS";
    let incident = client.report(site, text).await;
    assert_eq!(incident["description"], text);
    let again = client.get(&format!("/api/incidents/{}", incident["id"])).await;
    assert_eq!(again.json["description"], text);
    assert_eq!(again.headers.get("content-type").unwrap(), "application/json");
    assert_eq!(client.get("/api/incidents").await.json.as_array().unwrap().len(), 1);
}
