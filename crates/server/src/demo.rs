//! `vigie serve --demo`: two client organisations, their sites and five accounts, created
//! if absent, and on an empty incident desk a few weeks of history, so that the SLA report,
//! the lessons learned and the technical reviews have something to show. Demo passwords
//! exist in demo mode only, and only on a database `--demo` made: a database it did not
//! make is refused ([`claim`]), so that `--demo` never adds `admin`/`admin` to a real desk.
//! The desk also gets an on-call rota ([`rota`]).

use std::collections::HashMap;

use axum::extract::State;
use chrono::{DateTime, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use serde_json::json;
use sqlx::Row;
use vigie_engine::communication::Resolution;
use vigie_engine::postmortem::PlanItem;
use vigie_engine::{Calendar, Priority};

use crate::db::to_ms;
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::incidents::{self, Action, NewIncident, Source};
use crate::model::{Site, User};
use crate::state::{AppState, Clock};
use crate::{monitor, postmortems};

/// The demo accounts, `(username, password, role)`, as printed at start-up.
pub const ACCOUNTS: [(&str, &str, &str); 5] = [
    ("client", "client", "client user of Demo Client"),
    ("premium", "premium", "client user of Banque Premium"),
    ("tech", "tech", "technician"),
    ("supervisor", "supervisor", "operations manager"),
    ("admin", "admin", "administrator"),
];

async fn organisation(
    state: &AppState,
    name: &str,
    contract: &str,
    contacts: serde_json::Value,
    anonymous_lessons: bool,
) -> Result<i64, Error> {
    let pool = state.db.pool();
    sqlx::query("INSERT INTO organisations (name, contract, contacts, anonymous_lessons) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(contract)
        .bind(contacts.to_string())
        .bind(i64::from(anonymous_lessons))
        .execute(pool)
        .await?;
    let row = sqlx::query("SELECT id FROM organisations WHERE name = $1").bind(name).fetch_one(pool).await?;
    Ok(row.try_get("id")?)
}

async fn site(
    state: &AppState,
    organisation: i64,
    name: &str,
    address: &str,
    calendar: serde_json::Value,
    zones: serde_json::Value,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO sites (organisation_id, name, address, calendar, sensitive_zones) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, name) DO NOTHING",
    )
    .bind(organisation)
    .bind(name)
    .bind(address)
    .bind(calendar.to_string())
    .bind(zones.to_string())
    .execute(state.db.pool())
    .await?;
    Ok(())
}

async fn user(
    state: &AppState,
    username: &str,
    name: &str,
    role: &str,
    organisation: Option<i64>,
    email: &str,
) -> Result<(), Error> {
    let exists =
        sqlx::query("SELECT id FROM users WHERE username = $1").bind(username).fetch_optional(state.db.pool()).await?;
    if exists.is_none() {
        sqlx::query(
            "INSERT INTO users (username, password_hash, display_name, role, organisation_id, email) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (username) DO NOTHING",
        )
        .bind(username)
        .bind(state.passwords.hash(username.to_string()).await?)
        .bind(name)
        .bind(role)
        .bind(organisation)
        .bind(email)
        .execute(state.db.pool())
        .await?;
    }
    Ok(())
}

/// The mark a database made by `--demo` carries.
const MARK: &str = "demo";

/// Makes sure the database is a demo one before demo accounts go into it. Accepted: a
/// database marked by `--demo`; an empty one (no account, no organisation, no incident),
/// which is marked now; and one made by `--demo` before the mark existed, recognised by
/// its accounts being only demo accounts whose password is still their username (which
/// `vigie password` never sets), marked now too. Any other database is refused, an
/// administrator named `admin` made with `vigie password` included.
///
/// # Errors
/// [`Error::Refused`] naming the way out; [`Error::Database`].
pub async fn claim(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    if sqlx::query("SELECT value FROM settings WHERE key = $1").bind(MARK).fetch_optional(pool).await?.is_some() {
        return Ok(());
    }
    let count = |table: &'static str| async move {
        let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}")).fetch_one(pool).await?;
        Ok::<i64, Error>(row.try_get("n")?)
    };
    let (organisations, incidents) = (count("organisations").await?, count("incidents").await?);
    let rows = sqlx::query("SELECT username FROM users").fetch_all(pool).await?;
    let usernames: Vec<String> = rows.iter().map(|r| r.try_get("username")).collect::<Result<_, _>>()?;
    let empty = usernames.is_empty() && organisations == 0 && incidents == 0;
    let made_by_demo = !empty && !usernames.is_empty() && {
        let demo_names = usernames.iter().all(|u| ACCOUNTS.iter().any(|(demo, _, _)| demo == u));
        demo_names && {
            let weak = crate::passwords::accounts_named_as_their_password(&state.db, &state.passwords).await?;
            weak.len() == usernames.len()
        }
    };
    if !empty && !made_by_demo {
        return Err(Error::Refused(format!(
            "--demo refused: this database was not made by --demo and is not empty ({} account(s), {organisations} organisation(s), {incidents} incident(s)); demo accounts would open it with known passwords. Use a new database for the demo (--database-url sqlite://data/demo.db)",
            usernames.len()
        )));
    }
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(MARK)
        .bind(state.clock.now().to_rfc3339())
        .execute(pool)
        .await?;
    Ok(())
}

/// Creates the demo data that is missing: organisations, sites and accounts
/// ([`accounts`]), then the history when the desk has no incident yet ([`history`]), then
/// the on-call rota when there is none ([`rota`]).
///
/// # Errors
/// [`Error::Database`]; any error of the incident code paths while the history is played
/// (a script that no longer classifies as written says so).
pub async fn create(state: &AppState) -> Result<(), Error> {
    accounts(state).await?;
    history(state).await?;
    rota(state).await
}

/// The demo rota, when the desk has none: Karim Haddad (`tech`) on call on weeknights,
/// 18:00 to 08:00, Sophie Laurent (`supervisor`) from Friday 18:00 to Monday 08:00, and an
/// exception: Sophie replaces Karim the night of the day after tomorrow. Karim gets a
/// mobile number, for the SMS. Made after the history, which stays as it was played.
///
/// # Errors
/// [`Error::Database`].
pub async fn rota(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    let empty = sqlx::query("SELECT id FROM oncall_slots LIMIT 1").fetch_optional(pool).await?.is_none()
        && sqlx::query("SELECT id FROM oncall_exceptions LIMIT 1").fetch_optional(pool).await?.is_none();
    let id = |username: &'static str| async move {
        let row = sqlx::query("SELECT id FROM users WHERE username = $1 AND active = 1")
            .bind(username)
            .fetch_optional(pool)
            .await?;
        row.map(|r| r.try_get::<i64, _>("id")).transpose().map_err(Error::from)
    };
    let (Some(tech), Some(supervisor)) = (id("tech").await?, id("supervisor").await?) else { return Ok(()) };
    if !empty {
        return Ok(());
    }
    sqlx::query("UPDATE users SET phone = $1 WHERE id = $2 AND phone = ''")
        .bind("+33600000101")
        .bind(tech)
        .execute(pool)
        .await?;
    let (evening, morning, midnight) = (18 * 60, 8 * 60, 24 * 60);
    let mut week: Vec<(i64, i64, i64, i64)> = (1..=4).map(|day| (day, evening, morning, tech)).collect();
    week.extend([(5, evening, midnight, supervisor), (6, 0, midnight, supervisor), (7, 0, midnight, supervisor)]);
    week.push((1, 0, morning, supervisor));
    let mut tx = state.db.begin().await?;
    for (weekday, start, end, user) in week {
        sqlx::query("INSERT INTO oncall_slots (weekday, start_minute, end_minute, user_id) VALUES ($1, $2, $3, $4)")
            .bind(weekday)
            .bind(start)
            .bind(end)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    let now = state.clock.now();
    let tz = vigie_engine::oncall::TIME_ZONE;
    let day = now.with_timezone(&tz).date_naive() + Days::new(2);
    let at = |date: NaiveDate, hour: u32| {
        date.and_hms_opt(hour, 0, 0).and_then(|t| tz.from_local_datetime(&t).earliest()).map(|t| t.with_timezone(&Utc))
    };
    if let (Some(from), Some(to)) = (at(day, 18), at(day + Days::new(1), 8)) {
        sqlx::query(
            "INSERT INTO oncall_exceptions (starts_at, ends_at, user_id, created_by, created_at) VALUES ($1, $2, $3, NULL, $4)",
        )
        .bind(to_ms(from))
        .bind(to_ms(to))
        .bind(supervisor)
        .bind(to_ms(now))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Creates the demo organisations, sites and accounts that are missing, without history:
/// what tests that need an empty desk start from.
///
/// # Errors
/// [`Error::Database`].
pub async fn accounts(state: &AppState) -> Result<(), Error> {
    let demo = organisation(
        state,
        "Demo Client",
        "standard",
        json!([
            {"kind": "technical", "name": "Julie Martin", "email": "julie.martin@demo-client.example", "phone": "+33612345678"},
            {"kind": "management", "name": "Paul Bernard", "email": "direction@demo-client.example", "phone": "+33698765432"}
        ]),
        false,
    )
    .await?;
    let premium = organisation(
        state,
        "Banque Premium",
        "premium",
        json!([
            {"kind": "technical", "name": "Claire Weber", "email": "securite@banque-premium.example", "phone": "+33388112233"},
            {"kind": "management", "name": "Marc Schmitt", "email": "direction@banque-premium.example", "phone": "+33388445566"}
        ]),
        // A bank that wants its name left out of internal lessons learned.
        true,
    )
    .await?;
    site(
        state,
        demo,
        "Siège Paris",
        "47 boulevard de Courcelles, 75008 Paris",
        json!({"time_zone": "Europe/Paris", "holidays": "FR"}),
        json!(["Salle serveurs", "Accueil", "Parking"]),
    )
    .await?;
    site(
        state,
        premium,
        "Agence Strasbourg",
        "1 place Kléber, 67000 Strasbourg",
        json!({"time_zone": "Europe/Paris", "holidays": "FR-ALSACE-MOSELLE"}),
        json!(["Salle des coffres", "Hall clients"]),
    )
    .await?;
    user(state, "client", "Julie Martin", "client", Some(demo), "julie.martin@demo-client.example").await?;
    // Her mobile, offered as the number to call back when she reports.
    sqlx::query("UPDATE users SET phone = $1 WHERE username = 'client' AND phone = ''")
        .bind("+33612345678")
        .execute(state.db.pool())
        .await?;
    user(state, "premium", "Claire Weber", "client", Some(premium), "securite@banque-premium.example").await?;
    user(state, "tech", "Karim Haddad", "technician", None, "astreinte@mileotech.example").await?;
    user(state, "supervisor", "Sophie Laurent", "supervisor", None, "exploitation@mileotech.example").await?;
    user(state, "admin", "Administration Vigie", "admin", None, "").await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The history.
//
// Each incident is a script: when and where it is reported, by whom, in which words, then
// what staff did and when. The scripts are played through the server's own code — the same
// functions the HTTP handlers call — on a clock set in the past, so that every figure of
// the SLA report, every lesson and every review comes from stored events exactly as for a
// real incident. Nothing here writes an incident or an event itself.
// ---------------------------------------------------------------------------------------

/// When a step happens, counted from the report.
#[derive(Debug, Clone, Copy)]
enum When {
    /// So many minutes after the report.
    Minutes(i64),
    /// On the Nth business day of the site after the day of the report, at this local time.
    BusinessDay(u32, (u32, u32)),
}

/// What staff do. The technician (`tech`) takes charge, goes on site, updates the client,
/// reclassifies, resolves, closes and writes the post-mortem; the operations manager
/// (`supervisor`) publishes post-mortems and proposes preventive investments.
#[derive(Debug)]
enum Step {
    /// Taken in charge: the technician called the client (the note says what was learnt).
    Acknowledge(&'static str),
    /// A technician on site.
    OnSite(&'static str),
    /// A client update.
    Update(&'static str),
    /// The priority changes, and why.
    Reclassify(Priority, &'static str),
    /// Resolved: root cause, actions taken, impact on security data (no personal data lost).
    Resolve(&'static str, &'static str, &'static str),
    /// Closed.
    Close,
    /// The P1's draft post-mortem (its timeline drafted from the events) is completed.
    PostMortem(&'static PostMortemText),
    /// The post-mortem is shared with the client, which records the lesson learned.
    Publish,
    /// The preventive investment of the technical review this incident opened.
    Proposal(&'static str, i64),
}

/// What staff add to a drafted post-mortem.
#[derive(Debug)]
struct PostMortemText {
    root_cause: &'static str,
    corrective: &'static [&'static str],
    preventive: &'static [&'static str],
    /// Action, owner, due so many days after the post-mortem is written.
    plan: &'static [(&'static str, &'static str, u64)],
}

/// One incident of the history.
#[derive(Debug)]
struct Script {
    /// Reported so many days before the server starts, moved back to a business day of the
    /// site: every script is between 40 and 4 days old, so that the history covers the
    /// previous and the current month whatever the day, and is all in the past.
    days_ago: u64,
    /// Local time of the report.
    at: (u32, u32),
    site: &'static str,
    /// `client` and `premium` report in the portal; staff report what a client called in
    /// (`phone`) or what the supervision console showed (`supervision`).
    reporter: &'static str,
    source: Option<Source>,
    description: &'static str,
    /// The questionnaire, as JSON (`""`: none).
    answers: &'static str,
    /// The priority the classification gives — checked, so that a script that no longer
    /// classifies as written fails loudly — or, with `override_reason`, the staff's choice.
    priority: Priority,
    override_reason: Option<&'static str>,
    on_site_required: bool,
    steps: &'static [(When, Step)],
}

const PARIS: &str = "Siège Paris";
const STRASBOURG: &str = "Agence Strasbourg";

use Priority::{P1, P2, P3};
use Step::{Acknowledge, Close, OnSite, Proposal, Publish, Reclassify, Resolve, Update};
use When::{BusinessDay, Minutes};

/// The history: 12 incidents over about five weeks, both clients, every source and
/// priority. Most promises are kept; four are not (two late take-charges, two late client
/// updates), so that the report lists breaches with their delay. Two P1s get a complete
/// post-mortem published on time (lessons learned, the bank's anonymised as it asked), and
/// the parking cameras of the Siège Paris fail twice, which opens a technical review.
const HISTORY: &[Script] = &[
    Script {
        days_ago: 38,
        at: (10, 5),
        site: PARIS,
        reporter: "client",
        source: None,
        description: "Trois caméras du parking n'affichent plus d'image depuis 9 h. Les autres caméras du site fonctionnent.",
        answers: r#"{"system": "video", "scope": "several_devices", "symptom": "down"}"#,
        priority: P2,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(30), Acknowledge("Julie Martin rappelée : caméras P-02 à P-04 du parking sans image, le reste du site enregistre normalement.")),
            (Minutes(95), Update("Le switch PoE du parking n'alimente plus trois ports ; redémarrage à distance sans effet, technicien en route.")),
            (Minutes(200), Update("Switch PoE remplacé par un modèle du stock : deux caméras sur trois rétablies, la troisième est en cours de vérification.")),
            (Minutes(260), Resolve(
                "Switch PoE du parking en surcharge depuis l'ajout d'un projecteur infrarouge : il coupait les ports les moins prioritaires.",
                "Switch remplacé par un modèle 370 W, projecteur infrarouge alimenté par un injecteur dédié, contrôle des flux et des enregistrements.",
                "Ni image ni enregistrement des caméras P-02 à P-04 de 9 h à 14 h 25 ; aucune autre donnée touchée.",
            )),
            (BusinessDay(1, (9, 30)), Close),
        ],
    },
    Script {
        days_ago: 36,
        at: (11, 0),
        site: STRASBOURG,
        reporter: "premium",
        source: None,
        description: "L'interface du logiciel vidéo est très lente au poste de sécurité : plusieurs secondes pour ouvrir une caméra.",
        answers: r#"{"system": "video", "scope": "interface_only", "symptom": "slow"}"#,
        priority: P3,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(90), Acknowledge("Claire Weber rappelée : la relecture des enregistrements est lente elle aussi.")),
            (BusinessDay(1, (15, 0)), Resolve(
                "Base de données du logiciel vidéo fragmentée après dix-huit mois sans maintenance.",
                "Maintenance de la base, purge des événements de plus de 90 jours, maintenance mensuelle planifiée.",
                "Aucun : les enregistrements sont complets.",
            )),
            (BusinessDay(2, (9, 30)), Close),
        ],
    },
    Script {
        days_ago: 34,
        at: (7, 10),
        site: PARIS,
        reporter: "supervisor",
        source: Some(Source::Phone),
        description: "Appel du poste de garde : l'hyperviseur de sécurité est hors service depuis 6 h 50, plus rien ne remonte sur le mur d'images.",
        answers: r#"{"system": "hypervisor", "scope": "whole_site", "symptom": "down"}"#,
        priority: P1,
        override_reason: None,
        on_site_required: true,
        steps: &[
            // 18 minutes late: the technician on call was finishing another intervention.
            (Minutes(78), Acknowledge("Poste de garde rappelé par l'astreinte, retenue sur une autre intervention : serveur de l'hyperviseur injoignable, surveillance des caméras en direct en attendant.")),
            (Minutes(125), Update("Le serveur de l'hyperviseur redémarre en boucle ; technicien en route pour le Siège.")),
            (Minutes(165), OnSite("Technicien en salle serveurs.")),
            (Minutes(180), Update("Disque système du serveur plein : purge des journaux en cours, redémarrage prévu vers 10 h 45.")),
            (Minutes(235), Update("Hyperviseur redémarré, les alarmes remontent de nouveau ; contrôle des points avec le poste de garde.")),
            (Minutes(275), Resolve(
                "Disque système du serveur de l'hyperviseur plein : la rotation des journaux avait été désactivée lors de la dernière mise à jour.",
                "Purge des journaux, rotation réactivée, services de l'hyperviseur redémarrés, remontée de toutes les alarmes contrôlée avec le poste de garde.",
                "Aucune alarme affichée au poste de garde pendant 4 h 35 ; les centrales ont journalisé les événements, relus après le rétablissement. Aucune donnée perdue.",
            )),
            (BusinessDay(1, (10, 0)), Close),
            (BusinessDay(1, (15, 0)), Step::PostMortem(&PostMortemText {
                root_cause: "La mise à jour de l'hyperviseur du mois précédent a remplacé la configuration de rotation des journaux ; le disque système s'est rempli en trois semaines. Aucune sonde ne surveillait l'espace disque de ce serveur, l'hyperviseur s'est arrêté sans alerte préalable.",
                corrective: &["Purge des journaux et réactivation de leur rotation quotidienne.", "Redémarrage contrôlé des services et vérification de la remontée de chaque alarme."],
                preventive: &["Sonde d'espace disque (seuil 80 %) sur tous les serveurs de sécurité supervisés.", "Liste de contrôle après mise à jour incluant la rotation des journaux."],
                plan: &[
                    ("Ajouter la sonde d'espace disque à la supervision", "Karim Haddad", 14),
                    ("Mettre à jour la procédure de mise à jour de l'hyperviseur", "Sophie Laurent", 30),
                ],
            })),
            (BusinessDay(2, (11, 0)), Publish),
        ],
    },
    Script {
        days_ago: 31,
        at: (9, 20),
        site: STRASBOURG,
        reporter: "premium",
        source: None,
        description: "Le lecteur de badge de la salle des coffres est hors service : impossible d'ouvrir la porte avec un badge habilité.",
        answers: r#"{"system": "access_control", "scope": "one_device", "symptom": "down", "sensitive_zone": true}"#,
        priority: P2,
        override_reason: None,
        on_site_required: false,
        steps: &[
            // 45 business minutes late.
            (Minutes(285), Acknowledge("Prise en charge tardive, l'astreinte était mobilisée ailleurs. Claire Weber rappelée : ouverture de la salle des coffres par la procédure de secours.")),
            (Minutes(345), Update("Technicien en route avec un lecteur de remplacement.")),
            (Minutes(445), Update("Lecteur remplacé, paramétrage en cours avec le gestionnaire du contrôle d'accès.")),
            (Minutes(505), Resolve(
                "Lecteur de badge endommagé par une surtension sur l'alimentation de la porte.",
                "Lecteur remplacé, parafoudre ajouté sur l'alimentation, ouverture testée avec les badges habilités.",
                "Aucun accès non autorisé : la porte est restée verrouillée, l'ouverture de secours est tracée.",
            )),
            (BusinessDay(1, (10, 0)), Close),
        ],
    },
    Script {
        days_ago: 29,
        at: (14, 20),
        site: PARIS,
        reporter: "client",
        source: None,
        description: "Le tourniquet de l'accueil met plusieurs secondes à se débloquer après chaque badge ; les visiteurs font la queue aux heures d'arrivée.",
        answers: r#"{"system": "access_control", "scope": "one_device", "symptom": "slow"}"#,
        priority: P3,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(150), Acknowledge("Julie Martin rappelée : seul le tourniquet n° 2 est concerné.")),
            (BusinessDay(1, (11, 0)), Resolve(
                "Tête de lecture du tourniquet n° 2 encrassée, connecteur oxydé.",
                "Nettoyage de la tête de lecture, connecteur remplacé, déverrouillage revenu à moins d'une seconde, test avec vingt badges.",
                "Aucun : le tourniquet a contrôlé chaque entrée, seulement plus lentement.",
            )),
            (BusinessDay(2, (9, 0)), Close),
        ],
    },
    Script {
        days_ago: 25,
        at: (9, 10),
        site: PARIS,
        reporter: "tech",
        source: Some(Source::Supervision),
        description: "Supervision : l'enregistreur NVR-02 signale une perte d'enregistrement sur les caméras de l'accueil depuis 8 h 40.",
        answers: "",
        priority: P2,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(20), Acknowledge("Alerte vue sur la console de supervision ; Julie Martin prévenue par téléphone.")),
            (Minutes(80), Update("Le stockage de l'enregistreur est passé en lecture seule : les caméras de l'accueil basculent sur l'enregistreur de secours.")),
            (Minutes(110), Reclassify(P3, "Les caméras enregistrent de nouveau sur l'enregistreur de secours ; reste le remplacement d'un disque, sans impact sur la sécurité.")),
            (BusinessDay(2, (10, 30)), Resolve(
                "Disque défaillant dans la grappe de l'enregistreur NVR-02.",
                "Disque remplacé, grappe reconstruite, caméras de l'accueil revenues sur NVR-02.",
                "Enregistrements de l'accueil perdus de 8 h 40 à 10 h 10 ; aucune donnée personnelle exposée.",
            )),
            (BusinessDay(2, (16, 0)), Close),
        ],
    },
    Script {
        days_ago: 20,
        at: (8, 40),
        site: STRASBOURG,
        reporter: "premium",
        source: None,
        // The client names its agency; the lesson learned will not.
        description: "Agence Strasbourg : plus aucune image sur les caméras depuis 8 h 15, le poste de sécurité n'affiche que des écrans noirs.",
        answers: r#"{"system": "video", "scope": "whole_site", "symptom": "down"}"#,
        priority: P1,
        override_reason: None,
        on_site_required: true,
        steps: &[
            (Minutes(18), Acknowledge("Claire Weber rappelée : enregistreur principal injoignable, toutes les caméras concernées. Ronde renforcée des agents de sécurité.")),
            (Minutes(60), Update("Enregistreur principal bloqué au démarrage ; technicien en route, arrivée prévue vers 10 h 15.")),
            (Minutes(95), OnSite("Technicien au local technique.")),
            (Minutes(115), Update("Alimentation de l'enregistreur défaillante : remplacement par une alimentation du stock.")),
            (Minutes(170), Update("Enregistreur redémarré, 24 caméras sur 26 rétablies ; contrôle des deux dernières.")),
            (Minutes(215), Resolve(
                "Alimentation de l'enregistreur principal défaillante après une coupure électrique de nuit que l'onduleur, en fin de vie, n'a pas tenue.",
                "Alimentation remplacée, enregistreur redémarré, 26 caméras et leur enregistrement contrôlés, onduleur mis en dérivation.",
                "Ni image ni enregistrement de 8 h 15 à 12 h 15 ; ronde renforcée pendant l'incident ; aucune donnée personnelle perdue.",
            )),
            (BusinessDay(1, (9, 30)), Close),
            (BusinessDay(2, (14, 0)), Step::PostMortem(&PostMortemText {
                root_cause: "Une coupure électrique de nuit a épuisé les batteries de l'onduleur du local technique, en fin de vie et jamais testées. L'alimentation de l'enregistreur principal n'a pas supporté le retour brutal du secteur ; aucune alerte ne signalait l'état de l'onduleur.",
                corrective: &["Alimentation de l'enregistreur principal remplacée.", "Batteries de l'onduleur du local technique remplacées."],
                preventive: &["Test trimestriel de l'autonomie des onduleurs des locaux techniques.", "Alerte de supervision sur l'état des onduleurs et sur la perte de flux des enregistreurs."],
                plan: &[
                    ("Remplacer l'onduleur du local technique", "Karim Haddad", 10),
                    ("Raccorder les onduleurs à la supervision", "Sophie Laurent", 21),
                ],
            })),
            (BusinessDay(3, (10, 0)), Publish),
        ],
    },
    Script {
        days_ago: 19,
        at: (16, 45),
        site: PARIS,
        reporter: "tech",
        source: Some(Source::Phone),
        description: "Appel de l'accueil : le lecteur de badge du local informatique affiche une erreur, la porte reste verrouillée et l'équipe informatique n'entre plus.",
        answers: "",
        priority: P2,
        override_reason: Some("L'équipe informatique du client ne peut plus accéder à ses serveurs : intervention demandée dans la journée."),
        on_site_required: false,
        steps: &[
            (Minutes(15), Acknowledge("En ligne avec l'accueil : ouverture par clé mécanique organisée sous contrôle de l'accueil.")),
            (Minutes(70), Update("Contrôleur de porte redémarré, l'erreur persiste : remplacement de la carte demain à l'ouverture.")),
            (BusinessDay(1, (9, 40)), Resolve(
                "Carte du contrôleur de porte du local informatique défaillante (alimentation 12 V hors tolérance).",
                "Carte remplacée, lecteur réenrôlé, badges de l'équipe informatique testés.",
                "Aucun : la porte est restée fermée ; accès par clé sous contrôle de l'accueil pendant l'incident.",
            )),
            (BusinessDay(1, (11, 0)), Close),
        ],
    },
    Script {
        days_ago: 13,
        at: (10, 40),
        site: PARIS,
        reporter: "client",
        source: None,
        // Same site, same type as the first script: a recurrence, hence a technical review.
        description: "De nouveau deux caméras du parking sans image, comme il y a quelques semaines.",
        answers: r#"{"system": "video", "scope": "several_devices", "symptom": "down"}"#,
        priority: P2,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(25), Acknowledge("Julie Martin rappelée : caméras P-03 et P-04, le même switch que la dernière fois.")),
            // 20 business minutes late.
            (Minutes(165), Update("Le switch PoE coupe de nouveau des ports par surcharge ; technicien sur place pour répartir les caméras.")),
            (Minutes(250), Resolve(
                "Le switch PoE atteint de nouveau sa limite de puissance par temps froid, quand les caméras extérieures chauffent.",
                "Caméras réparties sur deux switchs, chauffage des caméras extérieures réglé.",
                "Pas d'image des caméras P-03 et P-04 de 10 h 30 à 14 h 50.",
            )),
            (Minutes(270), Proposal(
                "Remplacer l'alimentation PoE du parking par deux switchs 740 W secourus par onduleur, et alimenter les caméras extérieures chauffantes séparément.",
                4850,
            )),
            (BusinessDay(1, (9, 15)), Close),
        ],
    },
    Script {
        days_ago: 10,
        at: (13, 50),
        site: STRASBOURG,
        reporter: "tech",
        source: Some(Source::Supervision),
        description: "Supervision : l'enregistreur signale une perte d'enregistrement sur 4 caméras du hall clients.",
        answers: "",
        priority: P2,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(20), Acknowledge("Alerte vue sur la console de supervision ; Claire Weber prévenue par téléphone.")),
            // 30 business minutes late.
            (Minutes(170), Update("Les quatre caméras du hall enregistrent de nouveau après relance de leurs flux ; recherche de la cause en cours.")),
            (Minutes(235), Resolve(
                "Quota de stockage du groupe de caméras du hall atteint après l'allongement de la conservation à 30 jours.",
                "Quota du groupe augmenté, durée de conservation contrôlée sur toutes les caméras.",
                "Enregistrements du hall clients manquants de 13 h 35 à 16 h 30.",
            )),
            (BusinessDay(1, (9, 0)), Close),
        ],
    },
    Script {
        days_ago: 6,
        at: (15, 30),
        site: PARIS,
        reporter: "client",
        source: None,
        description: "Sur la mosaïque du poste de garde, les noms des caméras ne s'affichent plus.",
        answers: r#"{"system": "video", "scope": "interface_only", "symptom": "display"}"#,
        priority: P3,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(120), Acknowledge("Julie Martin rappelée : seul l'affichage est touché, les images et les enregistrements sont normaux.")),
            (BusinessDay(1, (11, 0)), Resolve(
                "Modèle d'affichage de la mosaïque réinitialisé par la mise à jour du poste client vidéo.",
                "Modèle d'affichage réimporté, profil opérateur sauvegardé.",
                "Aucun : images et enregistrements non affectés.",
            )),
            (BusinessDay(1, (11, 30)), Close),
        ],
    },
    Script {
        days_ago: 4,
        at: (10, 30),
        site: STRASBOURG,
        reporter: "premium",
        source: None,
        description: "Les enregistrements sont horodatés à la mauvaise heure : cinq minutes d'avance sur l'heure réelle.",
        answers: r#"{"system": "video", "scope": "interface_only", "symptom": "configuration"}"#,
        priority: P3,
        override_reason: None,
        on_site_required: false,
        steps: &[
            (Minutes(60), Acknowledge("Claire Weber rappelée : décalage constaté depuis le remplacement de l'alimentation de l'enregistreur.")),
            (Minutes(300), Resolve(
                "Serveur de temps de l'enregistreur perdu lors de son redémarrage ; l'horloge a dérivé.",
                "Serveur de temps paramétré, caméras resynchronisées.",
                "Horodatage en avance de cinq minutes au plus sur les enregistrements récents ; écart documenté pour d'éventuelles réquisitions.",
            )),
            (Minutes(330), Close),
        ],
    },
];

/// Why the history's notices were never sent, as the outbox keeps it.
const NOT_SENT: &str = "demo history: never sent";

/// Plays [`HISTORY`] when the desk has no incident yet — once: a restart finds the
/// incidents and adds nothing.
///
/// The scripts run on a copy of the state with a clock of its own (the real one is not
/// touched), set to each step's instant in turn, in the order of time across all scripts, so
/// that incidents, events, alerts and post-mortems carry past dates and come in the order a
/// real desk would have written them. Before each step the SLA monitor looks once, at that
/// past instant, so the late promises get their alerts on the timeline as they would have.
///
/// The notices the history queues (client emails and SMS, alerts to the operations manager)
/// are marked `skipped` at the end, with [`NOT_SENT`]: sent now they would reach fictitious
/// contacts weeks late, and marking them delivered would be untrue. The notification
/// worker, started after this, picks up only `pending` messages; `/metrics` counts them
/// apart.
///
/// Each report carries an idempotency key: should two instances start in demo mode on the
/// same empty database at once, the second finds a report already made and stops there.
async fn history(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    if sqlx::query("SELECT id FROM incidents LIMIT 1").fetch_optional(pool).await?.is_some() {
        return Ok(());
    }
    let now = state.clock.now();
    // The history needs the demo sites and accounts as created; on a database where they
    // were changed, there is none.
    let mut sites: HashMap<&str, (Site, Calendar)> = HashMap::new();
    for (organisation, name) in [("Demo Client", PARIS), ("Banque Premium", STRASBOURG)] {
        let row = sqlx::query(
            "SELECT sites.* FROM sites JOIN organisations ON organisations.id = sites.organisation_id
             WHERE organisations.name = $1 AND sites.name = $2",
        )
        .bind(organisation)
        .bind(name)
        .fetch_optional(pool)
        .await?;
        let Some(row) = row else { return Ok(()) };
        let site = Site::from_row(&row)?;
        let calendar = site.calendar()?;
        sites.insert(name, (site, calendar));
    }
    let mut users: HashMap<&str, User> = HashMap::new();
    for (name, _, _) in ACCOUNTS {
        let row = sqlx::query("SELECT * FROM users WHERE username = $1 AND active = 1")
            .bind(name)
            .fetch_optional(pool)
            .await?;
        let Some(row) = row else { return Ok(()) };
        users.insert(name, User::from_row(&row)?);
    }
    // Every step's instant: (when, script, step; `None` is the report).
    let mut plan: Vec<(DateTime<Utc>, usize, Option<usize>)> = Vec::new();
    for (i, script) in HISTORY.iter().enumerate() {
        let (_, calendar) = &sites[script.site];
        let Some(times) = schedule(script, calendar, now) else { continue };
        // The table keeps every step days in the past; a script that would reach the
        // future (a calendar closed for weeks) is left out rather than half played.
        if times.iter().any(|t| *t >= now) {
            continue;
        }
        plan.extend(times.into_iter().enumerate().map(|(j, t)| (t, i, j.checked_sub(1))));
    }
    plan.sort();

    let past = AppState { clock: Clock::default(), ..state.clone() };
    let mut ids: Vec<Option<i64>> = vec![None; HISTORY.len()];
    for (at, i, step) in plan {
        // A millisecond over: `advance` drops the sub-millisecond part, and a step a hair
        // before its minute would show the minute before.
        past.clock.advance(at - past.clock.now() + TimeDelta::milliseconds(1));
        monitor::check(&past).await?;
        let script = &HISTORY[i];
        match step {
            None => match report(&past, &users, &sites, i, script).await? {
                Some(id) => ids[i] = Some(id),
                // Another instance is writing the history.
                None => break,
            },
            Some(j) => {
                let id = ids[i].ok_or_else(|| Error::Database(format!("demo history: script {i} was not reported")))?;
                play(&past, &users, id, &script.steps[j].1).await?;
            }
        }
    }
    for id in ids.into_iter().flatten() {
        sqlx::query(
            "UPDATE outbox SET status = 'skipped', last_error = $1 WHERE incident_id = $2 AND status = 'pending'",
        )
        .bind(NOT_SENT)
        .bind(id)
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// The instants of a script: its report, then each step.
fn schedule(script: &Script, calendar: &Calendar, now: DateTime<Utc>) -> Option<Vec<DateTime<Utc>>> {
    let mut day = calendar.local_date(now).checked_sub_days(Days::new(script.days_ago))?;
    for _ in 0..30 {
        if calendar.is_business_day(day) {
            break;
        }
        day = day.pred_opt()?;
    }
    let local = |date: NaiveDate, (hour, minute): (u32, u32)| {
        calendar
            .time_zone()
            .from_local_datetime(&date.and_hms_opt(hour, minute, 0)?)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    let reported = local(day, script.at)?;
    let mut times = vec![reported];
    for (when, _) in script.steps {
        times.push(match *when {
            Minutes(m) => reported + TimeDelta::minutes(m),
            BusinessDay(n, at) => {
                let mut date = day;
                for _ in 0..n {
                    date = date.succ_opt()?;
                    for _ in 0..30 {
                        if calendar.is_business_day(date) {
                            break;
                        }
                        date = date.succ_opt()?;
                    }
                }
                local(date, at)?
            }
        });
    }
    Some(times)
}

/// Reports a script's incident as its reporter would; `None` when another instance already
/// did.
async fn report(
    state: &AppState,
    users: &HashMap<&str, User>,
    sites: &HashMap<&str, (Site, Calendar)>,
    i: usize,
    script: &Script,
) -> Result<Option<i64>, Error> {
    let bad = |what: String| Error::Database(format!("demo history, script {i}: {what}"));
    let answers = match script.answers {
        "" => None,
        text => Some(serde_json::from_str(text).map_err(|e| bad(format!("answers: {e}")))?),
    };
    let request = NewIncident {
        site_id: sites[script.site].0.id,
        description: script.description.to_string(),
        answers,
        on_site_required: Some(script.on_site_required),
        priority: script.override_reason.map(|_| script.priority),
        priority_reason: script.override_reason.map(str::to_string),
        source: script.source,
        reported_at: None,
        ..NewIncident::default()
    };
    let key = format!("demo-history-{i:02}");
    let (view, replayed) = incidents::create(state, &users[script.reporter], request, Some(key)).await?;
    if replayed {
        return Ok(None);
    }
    if view.priority != script.priority {
        return Err(bad(format!("classified {} by {}, the script says {}", view.priority, view.rule, script.priority)));
    }
    Ok(Some(view.id))
}

/// Plays one step on an incident.
async fn play(state: &AppState, users: &HashMap<&str, User>, id: i64, step: &Step) -> Result<(), Error> {
    let tech = &users["tech"];
    let supervisor = &users["supervisor"];
    let note = |text: &str| Some(text.to_string());
    let action = match step {
        Acknowledge(text) => Action::Acknowledge { note: note(text) },
        OnSite(text) => Action::OnSite { note: note(text) },
        Update(text) => Action::Update { message: text.to_string() },
        Reclassify(priority, reason) => Action::Reclassify { priority: *priority, reason: reason.to_string() },
        Resolve(root_cause, actions, impact) => Action::Resolve(Resolution {
            root_cause: root_cause.to_string(),
            actions: actions.to_string(),
            security_data_impact: impact.to_string(),
            personal_data_lost: false,
        }),
        Close => Action::Close { note: None },
        Step::PostMortem(text) => {
            let draft = postmortems::of_incident(State(state.clone()), tech.clone(), Id(id)).await?.0;
            let today = state.clock.now().date_naive();
            let mut document = draft.document;
            document.root_cause = text.root_cause.to_string();
            document.corrective_measures = text.corrective.iter().map(|s| s.to_string()).collect();
            document.preventive_measures = text.preventive.iter().map(|s| s.to_string()).collect();
            document.plan = text
                .plan
                .iter()
                .map(|(action, owner, days)| PlanItem {
                    action: action.to_string(),
                    owner: owner.to_string(),
                    due: today.checked_add_days(Days::new(*days)),
                })
                .collect();
            let _ = postmortems::edit(State(state.clone()), tech.clone(), Id(draft.id), ApiJson(document)).await?;
            return Ok(());
        }
        Publish => {
            let draft = postmortems::of_incident(State(state.clone()), supervisor.clone(), Id(id)).await?.0;
            let _ = postmortems::publish(State(state.clone()), supervisor.clone(), Id(draft.id)).await?;
            return Ok(());
        }
        Proposal(description, cost) => {
            let row = sqlx::query("SELECT id FROM recurrence_reviews WHERE incident_id = $1")
                .bind(id)
                .fetch_optional(state.db.pool())
                .await?
                .ok_or_else(|| Error::Database(format!("demo history: incident {id} opened no technical review")))?;
            let review: i64 = row.try_get("id")?;
            let proposal = serde_json::from_value(
                json!({ "description": description, "estimated_cost_eur": cost, "status": "proposed" }),
            )
            .map_err(|e| Error::Database(format!("demo history: proposal: {e}")))?;
            let _ =
                crate::reviews::set_proposal(State(state.clone()), supervisor.clone(), Id(review), ApiJson(proposal))
                    .await?;
            return Ok(());
        }
    };
    incidents::act(state, tech, id, action).await?;
    Ok(())
}
