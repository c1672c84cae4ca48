//! The client designates who is told: its organisation's contacts, a site's own technical
//! contact; checked, confined to its own organisation, audited, and obeyed by the next
//! notices, delivered through a real SMTP server and the SMS gateway.

use serde_json::{json, Value};

use crate::harness::{fresh_database, temp_dir, Backend, Client, TestServer};
use crate::notifications::{all_delivered_received, config, mails_to, outbox_settled, SmsGateway, SmtpServer};

const JULIE: &str = "julie.martin@demo-client.example";
const PAUL: &str = "direction@demo-client.example";

/// A server that delivers for real, with the SMTP server and gateway it sends to.
async fn delivering(backend: Backend, tag: &str) -> (TestServer, SmtpServer, SmsGateway) {
    let dir = temp_dir(tag);
    let smtp = SmtpServer::start(&dir).await;
    let gateway = SmsGateway::start(0).await;
    let database_url = fresh_database(backend, &dir).await;
    let server = TestServer::start_on(dir.clone(), database_url, config(&dir, smtp.port, &gateway)).await;
    (server, smtp, gateway)
}

async fn organisation_of(client: &Client) -> i64 {
    client.get("/api/me").await.json["organisation_id"].as_i64().expect("a client user's organisation")
}

/// Asserts a 422 naming `field`; returns the message.
fn refused(r: &crate::harness::Response, field: &str) -> String {
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some(field)), "{}", r.text);
    r.json["error"].as_str().unwrap_or_default().to_string()
}

/// The recipients of the emails whose subject holds `reference`, sorted.
fn recipients(smtp: &mut SmtpServer, reference: &str) -> Vec<String> {
    let mut to: Vec<String> = smtp
        .with_subject(reference)
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap_or_default().to_string())
        .collect();
    to.sort();
    to
}

/// Reports an incident, has `tech` take charge of it; its reference.
async fn taken_in_charge(client: &Client, tech: &Client, site: i64, description: &str, priority: &str) -> String {
    let incident = client.report(site, description).await;
    assert_eq!(incident["priority"], priority, "{incident}");
    let r = tech.post_empty(&format!("/api/incidents/{}/acknowledge", incident["id"])).await;
    assert_eq!(r.status, 200, "{}", r.text);
    incident["reference"].as_str().unwrap().to_string()
}

pub async fn clients_designate_their_contacts(backend: Backend) {
    let (server, mut smtp, gateway) = delivering(backend, "contacts").await;
    let (client, tech, admin) = (server.login("client").await, server.login("tech").await, server.login("admin").await);
    let org = organisation_of(&client).await;
    let path = format!("/api/organisations/{org}/contacts");
    let before = client.get(&path).await;
    assert_eq!(before.status, 200, "{}", before.text);
    let names: Vec<&str> =
        before.json["contacts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Julie Martin", "Paul Bernard"]);

    // Every mistake names its field, and nothing is saved.
    let nadia = json!({ "kind": "technical", "name": "Nadia Haddad", "email": "nadia.haddad@demo-client.example", "phone": "+33611223344" });
    let paul = json!({ "kind": "management", "name": "Paul Bernard", "email": PAUL, "phone": "" });
    let with = |field: &str, value: &str| {
        let mut c = nadia.clone();
        c[field] = json!(value);
        c
    };
    let cases = [
        (json!([with("email", "nadia.haddad@"), paul.clone()]), "contacts[0].email"),
        (json!([paul.clone(), with("email", "nadia haddad@demo-client.example")]), "contacts[1].email"),
        (json!([paul.clone(), with("email", "")]), "contacts[1].email"),
        (json!([with("phone", "06 11 22 33 44"), paul.clone()]), "contacts[0].phone"),
        (json!([with("name", "  "), paul.clone()]), "contacts[0].name"),
        (json!([with("kind", "owner"), paul.clone()]), "contacts[0].kind"),
        (json!([{ "kind": "technical", "name": "Nadia Haddad", "phone": "" }]), "contacts[0].email"),
    ];
    for (contacts, field) in cases {
        refused(&client.put(&path, &json!({ "contacts": contacts })).await, field);
    }
    // Nobody left to tell: said precisely.
    for contacts in [json!([paul.clone()]), json!([])] {
        let message = refused(&client.put(&path, &json!({ "contacts": contacts })).await, "contacts");
        assert!(message.contains("at least one technical contact"), "{message}");
    }
    assert_eq!(client.get(&path).await.json, before.json);

    // Another organisation's contacts do not exist for the client; staff read them, a
    // technician may not change them; nobody logged in gets nothing.
    let premium = server.login("premium").await;
    let bank = organisation_of(&premium).await;
    let bank_path = format!("/api/organisations/{bank}/contacts");
    let good = json!({ "contacts": [nadia.clone(), paul.clone()] });
    assert_eq!(client.get(&bank_path).await.status, 404);
    assert_eq!(client.put(&bank_path, &good).await.status, 404);
    assert_eq!(premium.put(&path, &good).await.status, 404);
    assert_eq!(client.get("/api/organisations/999999/contacts").await.status, 404);
    assert_eq!(tech.get(&path).await.json, before.json);
    assert_eq!(tech.put(&path, &good).await.status, 403);
    assert_eq!(server.anonymous().get(&path).await.status, 401);
    assert_eq!(server.anonymous().put(&path, &good).await.status, 401);
    assert_eq!(client.get(&path).await.json, before.json);

    // The client designates Nadia (typed with spaces around, as phones do) and keeps its
    // management without a mobile number.
    let typed = json!({ "contacts": [with("email", " nadia.haddad@demo-client.example "), paul.clone()] });
    let r = client.put(&path, &typed).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, good);
    assert_eq!(client.get(&path).await.json, good);
    // A supervisor may change them too.
    let supervisor = server.login("supervisor").await;
    assert_eq!(supervisor.put(&path, &good).await.status, 200);

    // Audited as an administrator's change is: who, which organisation, before, after.
    let audit = admin.get("/api/admin/audit").await.json;
    let entries: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "organisation" && e["action"] == "contacts")
        .collect();
    assert_eq!(entries.len(), 2, "{audit:#}");
    let by_client = entries.iter().find(|e| e["actor"] == "client").expect("the client's change");
    assert_eq!(by_client["entity_id"], org);
    assert_eq!(by_client["before"]["contacts"][0]["name"], "Julie Martin");
    assert_eq!(by_client["after"]["contacts"], good["contacts"]);
    assert_eq!(by_client["after"]["name"], "Demo Client");
    assert!(entries.iter().any(|e| e["actor"] == "supervisor"));

    // The next incident's notices go to whom the client designated: a P1 taken in charge
    // tells Nadia by email and SMS, Paul by email only (no mobile), Julie nothing.
    let site = server.site_of(&client, "Demo Client").await;
    let reference = taken_in_charge(&client, &tech, site, "Plus aucune caméra ne fonctionne sur le site", "P1").await;
    smtp.wait_until("the take-charge emails to Nadia and Paul", |mails| {
        let of: Vec<Value> =
            mails.iter().filter(|m| m["subject"].as_str().unwrap_or_default().contains(&reference)).cloned().collect();
        !mails_to(&of, "nadia.haddad@demo-client.example").is_empty() && !mails_to(&of, PAUL).is_empty()
    })
    .await;
    outbox_settled(&tech).await;
    all_delivered_received(&mut smtp, &server.running.state).await;
    assert_eq!(recipients(&mut smtp, &reference), [PAUL, "nadia.haddad@demo-client.example"]);
    let sms: Vec<Value> = gateway.with_text(&reference).into_iter().map(|r| r.body["to"].clone()).collect();
    assert_eq!(sms, [json!("+33611223344")]);
}

pub async fn a_site_technical_contact_is_told_for_that_site_only(backend: Backend) {
    let (server, mut smtp, gateway) = delivering(backend, "site-contact").await;
    let (client, tech, admin) = (server.login("client").await, server.login("tech").await, server.login("admin").await);
    let org = organisation_of(&client).await;
    let lyon = admin
        .post("/api/admin/sites", &json!({ "organisation_id": org, "name": "Entrepôt Lyon", "calendar": {} }))
        .await;
    assert_eq!(lyon.status, 201, "{}", lyon.text);
    let lyon = lyon.json["id"].as_i64().unwrap();
    let sites = client.get("/api/sites").await.json;
    let paris =
        sites.as_array().unwrap().iter().find(|s| s["name"] == "Siège Paris").expect("Paris")["id"].as_i64().unwrap();
    let path = format!("/api/sites/{paris}/technical-contact");
    let marc = json!({ "kind": "technical", "name": "Marc Petit", "email": "marc.petit@demo-client.example", "phone": "+33622334455" });

    // Checked as the organisation's contacts are; the kind must be technical; the field
    // must be there, so that an empty body clears nothing.
    let with = |field: &str, value: &str| {
        let mut c = marc.clone();
        c[field] = json!(value);
        json!({ "contact": c })
    };
    refused(&client.put(&path, &with("kind", "management")).await, "contact.kind");
    refused(&client.put(&path, &with("email", "marc.petit")).await, "contact.email");
    refused(&client.put(&path, &with("phone", "0622334455")).await, "contact.phone");
    refused(&client.put(&path, &with("name", "")).await, "contact.name");
    refused(&client.put(&path, &json!({})).await, "contact");

    // Only the client of that site's organisation, or a supervisor or an administrator.
    let premium = server.login("premium").await;
    let strasbourg = server.site_of(&premium, "Banque Premium").await;
    assert_eq!(premium.put(&path, &json!({ "contact": marc })).await.status, 404);
    assert_eq!(
        client.put(&format!("/api/sites/{strasbourg}/technical-contact"), &json!({ "contact": marc })).await.status,
        404
    );
    assert_eq!(client.put("/api/sites/999999/technical-contact", &json!({ "contact": marc })).await.status, 404);
    assert_eq!(tech.put(&path, &json!({ "contact": marc })).await.status, 403);
    let unchanged = client.get("/api/sites").await.json;
    assert!(unchanged.as_array().unwrap().iter().all(|s| s["technical_contact"].is_null()), "{unchanged:#}");

    // The client designates Marc for Paris: the answer is the site as /api/sites shows it.
    let r = client.put(&path, &json!({ "contact": marc })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!((r.json["id"].as_i64(), &r.json["technical_contact"]), (Some(paris), &marc));
    assert_eq!(r.json["organisation_name"], "Demo Client");
    let site = |id: i64| {
        let client = client.clone();
        async move {
            client.get("/api/sites").await.json.as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap()
        }
    };
    assert_eq!(site(paris).await["technical_contact"], marc);
    assert!(site(lyon).await["technical_contact"].is_null());

    // The administrator's site form leaves it as it is.
    let r = admin.put(&format!("/api/admin/sites/{paris}"), &json!({ "organisation_id": org, "name": "Siège Paris", "address": "1 rue de Rivoli, Paris", "calendar": {} })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["technical_contact"], marc);
    assert_eq!(site(paris).await["technical_contact"], marc);

    // Audited: who, which site, before, after.
    let audit = admin.get("/api/admin/audit").await.json;
    let entry = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "site" && e["action"] == "technical_contact")
        .expect("the change in the audit log");
    assert_eq!((entry["actor"].as_str(), entry["entity_id"].as_i64()), (Some("client"), Some(paris)));
    assert!(entry["before"]["technical_contact"].is_null(), "{entry:#}");
    assert_eq!(entry["after"]["technical_contact"], marc);

    // A P2 on each site: Paris's notice goes to Marc (email and SMS) instead of Julie;
    // Lyon's still to Julie.
    let at_paris = taken_in_charge(&client, &tech, paris, "2 caméras HS en zone sensible", "P2").await;
    let at_lyon = taken_in_charge(&client, &tech, lyon, "2 caméras HS en zone sensible", "P2").await;
    smtp.wait_until("both take-charge emails", |mails| {
        let has = |reference: &str| mails.iter().any(|m| m["subject"].as_str().unwrap_or_default().contains(reference));
        has(&at_paris) && has(&at_lyon)
    })
    .await;
    outbox_settled(&tech).await;
    all_delivered_received(&mut smtp, &server.running.state).await;
    assert_eq!(recipients(&mut smtp, &at_paris), ["marc.petit@demo-client.example"]);
    assert_eq!(recipients(&mut smtp, &at_lyon), [JULIE]);
    let sms_to =
        |reference: &str| gateway.with_text(reference).into_iter().map(|r| r.body["to"].clone()).collect::<Vec<_>>();
    assert_eq!(sms_to(&at_paris), [json!("+33622334455")]);
    assert_eq!(sms_to(&at_lyon), [json!("+33612345678")]);

    // `null` gives the site back to the organisation's technical contacts.
    let r = client.put(&path, &json!({ "contact": null })).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.json["technical_contact"].is_null());
    assert!(site(paris).await["technical_contact"].is_null());
    let again = taken_in_charge(&client, &tech, paris, "Un lecteur de badge HS en zone sensible", "P2").await;
    smtp.wait_until("the take-charge email after the reset", |mails| {
        mails.iter().any(|m| m["subject"].as_str().unwrap_or_default().contains(&again))
    })
    .await;
    outbox_settled(&tech).await;
    all_delivered_received(&mut smtp, &server.running.state).await;
    assert_eq!(recipients(&mut smtp, &again), [JULIE]);
}
