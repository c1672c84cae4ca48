//! The demo history's scripts: twelve incidents, what staff did and when.

use vigie_engine::Priority;

use crate::incidents::Source;

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
pub(super) enum When {
    /// So many minutes after the report.
    Minutes(i64),
    /// On the Nth business day of the site after the day of the report, at this local time.
    BusinessDay(u32, (u32, u32)),
}

/// What staff do. The technician (`tech`) takes charge, goes on site, updates the client,
/// reclassifies, resolves, closes and writes the post-mortem; the operations manager
/// (`supervisor`) publishes post-mortems and proposes preventive investments.
#[derive(Debug)]
pub(super) enum Step {
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
pub(super) struct PostMortemText {
    pub(super) root_cause: &'static str,
    pub(super) corrective: &'static [&'static str],
    pub(super) preventive: &'static [&'static str],
    /// Action, owner, due so many days after the post-mortem is written.
    pub(super) plan: &'static [(&'static str, &'static str, u64)],
}

/// One incident of the history.
#[derive(Debug)]
pub(super) struct Script {
    /// Reported so many days before the server starts, moved back to a business day of the
    /// site: every script is between 40 and 4 days old, so that the history covers the
    /// previous and the current month whatever the day, and is all in the past.
    pub(super) days_ago: u64,
    /// Local time of the report.
    pub(super) at: (u32, u32),
    pub(super) site: &'static str,
    /// `client` and `premium` report in the portal; staff report what a client called in
    /// (`phone`) or what the supervision console showed (`supervision`).
    pub(super) reporter: &'static str,
    pub(super) source: Option<Source>,
    pub(super) description: &'static str,
    /// The questionnaire, as JSON (`""`: none).
    pub(super) answers: &'static str,
    /// The priority the classification gives — checked, so that a script that no longer
    /// classifies as written fails loudly — or, with `override_reason`, the staff's choice.
    pub(super) priority: Priority,
    pub(super) override_reason: Option<&'static str>,
    pub(super) on_site_required: bool,
    pub(super) steps: &'static [(When, Step)],
}

pub(super) const PARIS: &str = "Siège Paris";
pub(super) const STRASBOURG: &str = "Agence Strasbourg";

use Priority::{P1, P2, P3};
use Step::{Acknowledge, Close, OnSite, Proposal, Publish, Reclassify, Resolve, Update};
use When::{BusinessDay, Minutes};

/// The history: 12 incidents over about five weeks, both clients, every source and
/// priority. Most promises are kept; four are not (two late take-charges, two late client
/// updates), so that the report lists breaches with their delay. Two P1s get a complete
/// post-mortem published on time (lessons learned, the bank's anonymised as it asked), and
/// the parking cameras of the Siège Paris fail twice, which opens a technical review.
pub(super) const HISTORY: &[Script] = &[
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
